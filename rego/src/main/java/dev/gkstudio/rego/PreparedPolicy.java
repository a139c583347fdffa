package dev.gkstudio.rego;

import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.result.RegoException;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.eval.Program;

import java.util.List;

/**
 * A compiled set of modules, ready to answer queries. Immutable and thread-safe; prepare queries once
 * ({@link #prepare}) and evaluate them many times.
 */
public final class PreparedPolicy {
    private final Program program;

    PreparedPolicy(Program program) {
        this.program = program;
    }

    /** The evaluator's compiled form, shared by this policy's queries; internal to the facade. */
    Program program() { return program; }

    /** @return the compiled modules. */
    public List<Module> modules() { return program.modules(); }

    /**
     * Parses (Rego v1 keywords) and plans a query such as {@code data.k8s.violation[v]} or {@code x := data.a; x > 1}.
     * Results are those of OPA's Rego API and {@code opa eval}: each row also carries the value of every expression
     * ({@link EvalResult#expressions()}), so {@code data.k8s.violation} answers with the set, and a lone
     * expression that is false answers {@code false} instead of nothing.
     *
     * @throws RegoException when the query does not parse or compile
     */
    public PreparedQuery prepare(String query) {
        return new PreparedQuery(this, program.planQuery(query));
    }

    /**
     * Plans a query as OPA's topdown evaluator runs one (the form OPA's compliance cases are judged in): a false
     * expression fails, and rows carry bindings only.
     *
     * @throws RegoException when the query does not parse or compile
     */
    public PreparedQuery prepareTopdown(String query) {
        return new PreparedQuery(this, program.planQuery(query, false));
    }

    /** Shorthand for {@code prepare(query).eval(options)}. */
    public EvalResult query(String query, EvalOptions options) {
        return prepare(query).eval(options);
    }
}
