package dev.gkstudio.gatekeeper.regotool;

import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.PreparedPolicy;
import dev.gkstudio.rego.result.PrintLine;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.result.RegoException;
import dev.gkstudio.rego.ast.Call;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Expr;
import dev.gkstudio.rego.ast.ExprTerms;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.ast.Term;
import dev.gkstudio.rego.parser.QueryResult;
import dev.gkstudio.rego.parser.RegoParser;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an ad-hoc query the way {@code opa eval} reports it: one row per solution with the value of every
 * top-level expression (its source text and position) and the bindings of the query's variables.
 *
 * <p>The engine returns bindings only, so each expression that has a value of its own (a term or a call such as
 * {@code 1 + 1} or {@code x == 1}) is evaluated through a variable of ours ({@code gkstudio_expr_N = expr}, failing
 * on {@code false} as the bare expression would) and its value read from that binding; unifications, assignments,
 * {@code some}, {@code every} and {@code not ...} are {@code true} when the row exists, as OPA reports them.
 */
public final class QueryEvaluator {
    private static final String EXPR_VAR = "gkstudio_expr_";

    /** One top-level expression's result. */
    public record ExprValue(Value value, String text, Location location) {}

    /** One solution. */
    public record Row(List<ExprValue> expressions, Map<String, Value> bindings) {}

    /** The rows (empty: undefined), or the errors (parse, compile, evaluation) and print output. */
    public record Outcome(List<Row> rows, List<Diagnostic> errors, List<PrintLine> prints) {
        public boolean ok() { return errors.isEmpty(); }
    }

    private QueryEvaluator() {}

    /** Compiles the modules and evaluates the query against them, {@code data} and {@code input} (may be null). */
    public static Outcome eval(List<SourceFile> modules, Value data, Value input, String query, RegoVersion version,
                               Duration timeout) {
        CompileResult c = Rego.compile(modules, version);
        if (!c.ok()) return new Outcome(List.of(), c.diagnostics(), List.of());
        return eval(c.policy(), data, input, query, EvalOptions.builder().timeout(timeout).build());
    }

    /** Evaluates the query against a compiled policy; {@code base} carries the timeout and limits. */
    public static Outcome eval(PreparedPolicy policy, Value data, Value input, String query, EvalOptions base) {
        QueryResult parsed = RegoParser.parseQuery(query, RegoVersion.V1);
        if (!parsed.ok()) return new Outcome(List.of(), parsed.diagnostics(), List.of());
        List<Expr> exprs = parsed.body().exprs();
        StringBuilder rewritten = new StringBuilder();
        List<String> texts = new ArrayList<>();
        List<Boolean> valued = new ArrayList<>();
        List<Integer> exprRows = new ArrayList<>();
        int row = 1;
        for (int i = 0; i < exprs.size(); i++) {
            Expr e = exprs.get(i);
            String text = e.location().text(query);
            texts.add(text);
            boolean single = !e.negated() && hasValue(e.terms());
            valued.add(single);
            if (i > 0) {
                rewritten.append('\n');
                row++;
            }
            exprRows.add(row);
            row += (int) text.chars().filter(ch -> ch == '\n').count();
            // the expression fails on false as it would on its own; the value is read from the variable
            rewritten.append(single ? EXPR_VAR + i + " = " + text + "; " + EXPR_VAR + i + " != false" : text);
        }
        EvalOptions.Builder eo = base == null ? EvalOptions.builder() : base.toBuilder();
        if (data != null) eo.data(data);
        if (input != null) eo.input(input);
        EvalResult r;
        try {
            r = policy.prepare(rewritten.toString()).eval(eo.build());
        } catch (RegoException ex) {
            return new Outcome(List.of(), remap(ex.diagnostics(), exprs, valued, exprRows), List.of());
        }
        if (r.error() != null) {
            return new Outcome(List.of(), List.of(new Diagnostic(r.error().code(), r.error().message(), r.error().location())), r.prints());
        }
        List<Row> rows = new ArrayList<>();
        for (Map<String, Value> b : r.bindings()) {
            List<ExprValue> values = new ArrayList<>();
            for (int i = 0; i < exprs.size(); i++) {
                Value v = valued.get(i) ? b.get(EXPR_VAR + i) : BooleanValue.of(true);
                values.add(new ExprValue(v, texts.get(i), exprs.get(i).location()));
            }
            Map<String, Value> bindings = new LinkedHashMap<>();
            b.forEach((k, v) -> {
                if (!k.startsWith(EXPR_VAR)) bindings.put(k, v);
            });
            rows.add(new Row(values, bindings));
        }
        return new Outcome(rows, List.of(), r.prints());
    }

    /** Terms and calls have a value; unifications, assignments and print/trace are just true. */
    private static boolean hasValue(ExprTerms t) {
        if (t instanceof Call c) return !List.of("eq", "assign", "print", "trace").contains(c.name());
        return t instanceof Term;
    }

    /**
     * Errors of the rewritten query (one expression per line, single terms behind {@code gkstudio_expr_N = }) are
     * moved back to the expression's position in the text the user wrote.
     */
    private static List<Diagnostic> remap(List<Diagnostic> diags, List<Expr> exprs, List<Boolean> valued,
                                          List<Integer> rows) {
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : diags) {
            if (d.message().contains(EXPR_VAR)) continue;
            Location l = d.location();
            int i = rows.size() - 1;
            while (i >= 0 && rows.get(i) > l.startLine()) i--;
            if (!l.isKnown() || !l.file().isEmpty() || i < 0) {
                out.add(d);
                continue;
            }
            Location e = exprs.get(i).location();
            int within = l.startLine() - rows.get(i);
            int shift = valued.get(i) ? (EXPR_VAR + i + " = ").length() : 0;
            int col = within > 0 ? l.startCol() : Math.max(1, l.startCol() - shift) + e.startCol() - 1;
            int line = e.startLine() + within;
            Location moved = new Location("", line, col, line, col, e.startOffset(), e.startOffset());
            out.add(new Diagnostic(d.code(), d.message(), moved));
        }
        return out;
    }
}
