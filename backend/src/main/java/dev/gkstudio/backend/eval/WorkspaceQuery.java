package dev.gkstudio.backend.eval;

import dev.gkstudio.gatekeeper.regotool.EvalPrinter;
import dev.gkstudio.gatekeeper.regotool.QueryEvaluator;
import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.PrintLine;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The Query box (OPA Playground's Evaluate): any query against the template, its libs and the test modules, with
 * {@code data.inventory} and, as {@code input}, the selected sample's review with the first constraint's parameters
 * (what the template sees for it). The result is {@code opa eval}'s JSON.
 */
final class WorkspaceQuery {
    private WorkspaceQuery() {}

    /**
     * @param result the {@code opa eval -f json} text (null on errors)
     * @param errors errors with their position ({@code query} for the query text itself)
     */
    record Reply(String type, Long id, String query, String result, boolean defined, List<QueryError> errors,
                 List<String> prints, double timeMs) {
    }

    record QueryError(String message, String code, RegoModules.Position at) {
    }

    static Reply run(Long id, String query, WorkspaceSetup s, int sampleIndex, EvalOptions limits) {
        long t0 = System.nanoTime();
        Workspace w = s.workspace;
        CompileResult c = Rego.compile(RegoModules.files(w), RegoModules.version(w));
        QueryEvaluator.Outcome o = c.ok()
                ? QueryEvaluator.eval(c.policy(), WorkspaceTests.dataWith(s.client.inventory().value()), input(s, sampleIndex),
                        query, limits)
                : new QueryEvaluator.Outcome(List.of(), c.diagnostics(), List.of());
        List<QueryError> errors = new ArrayList<>();
        for (Diagnostic d : o.errors()) {
            errors.add(new QueryError(d.toString(), d.code(), RegoModules.Position.of(d.location(), w)));
        }
        List<String> prints = o.prints().stream().map(PrintLine::text).toList();
        return new Reply("query", id, query, o.ok() ? EvalPrinter.json(o) : null, !o.rows().isEmpty(), errors, prints,
                (System.nanoTime() - t0) / 1e6);
    }

    /** {@code {"review": ..., "parameters": ...}} for the sample, or null (no such sample, or it has errors). */
    private static Value input(WorkspaceSetup s, int sampleIndex) {
        if (sampleIndex < 0 || sampleIndex >= s.samples.size()) return null;
        WorkspaceSetup.Sample sample = s.samples.get(sampleIndex);
        if (sample.review() == null) return null;
        List<WorkspaceSetup.Constraint> constraints = s.validConstraints();
        if (!constraints.isEmpty()) return WorkspaceSetup.input(sample.review(), constraints.get(0).entry());
        return ObjectValue.builder().put(StringValue.of("review"), sample.review().value()).build();
    }
}
