package dev.gkstudio.backend.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gkstudio.backend.eval.Evaluation.RuleRef;
import dev.gkstudio.backend.eval.Explanation.PrintOut;
import dev.gkstudio.backend.eval.Explanation.TraceLine;
import dev.gkstudio.backend.eval.WorkspaceSetup.Constraint;
import dev.gkstudio.backend.eval.WorkspaceSetup.Sample;
import dev.gkstudio.rego.EvalResult;
import dev.gkstudio.rego.PrintLine;
import dev.gkstudio.rego.ast.Body;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.trace.TraceEvent;
import dev.gkstudio.rego.trace.TraceOp;
import dev.gkstudio.rego.trace.Tracer;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/** Traces one evaluation of a sample against a constraint for the explain view. */
final class Explainer {

    static final int MAX_EVENTS = 20_000;
    private static final int MAX_LOCALS_CHARS = 240;

    private Explainer() {
    }

    static Explanation explain(WorkspaceSetup s, long version, int sampleIndex, String constraintId, String message) {
        if (!s.templateOk) {
            return failed(version, sampleIndex, constraintId, "the template has errors (see Problems)");
        }
        Sample sample = sampleIndex >= 0 && sampleIndex < s.samples.size() ? s.samples.get(sampleIndex) : null;
        if (sample == null || sample.review() == null) {
            return failed(version, sampleIndex, constraintId,
                    sample == null ? "no such sample" : "the sample has errors: " + sample.error());
        }
        Constraint constraint = null;
        for (Constraint c : s.validConstraints()) {
            if (constraintId == null || constraintId.isEmpty() || c.info().id().equals(constraintId)) {
                constraint = c;
                break;
            }
        }
        if (constraint == null) {
            return failed(version, sampleIndex, constraintId, "no valid constraint to evaluate");
        }
        List<TraceEvent> events = new ArrayList<>();
        Tracer tracer = event -> {
            if (events.size() <= MAX_EVENTS) {
                events.add(event);
            }
        };
        EvalResult result = s.compiled.evaluate(WorkspaceSetup.input(sample.review(), constraint.entry()),
                s.client.inventory().value(), tracer, false);
        Map<Integer, Integer> parents = new HashMap<>();
        List<TraceLine> lines = new ArrayList<>();
        RuleRef rule = null;
        RuleRef firstRule = null;
        for (int i = 0; i < Math.min(events.size(), MAX_EVENTS); i++) {
            TraceEvent e = events.get(i);
            parents.putIfAbsent(e.queryId(), e.parentId());
            int level = level(e.queryId(), parents);
            boolean shallower = e.op() == TraceOp.ENTER || (e.op() == TraceOp.REDO && e.node() instanceof Body);
            Location l = e.location();
            String module = l == null || !l.isKnown() || l.file().isEmpty() ? "query" : WorkspaceEvaluator.module(l.file(), s);
            lines.add(new TraceLine(e.op().text(), e.queryId(), e.parentId(), Math.max(0, level - (shallower ? 1 : 0)),
                    module, l == null ? 0 : l.startLine(), e.text(), e.message() == null ? "" : e.message(),
                    locals(e.locals())));
            if (e.op() == TraceOp.EXIT && e.node() instanceof Rule r && "violation".equals(r.head().name())) {
                RuleRef ref = new RuleRef(WorkspaceEvaluator.module(r.location().file(), s), r.location().startLine(),
                        r.location().endLine());
                if (firstRule == null) {
                    firstRule = ref;
                }
                if (rule == null && message != null && mentions(e.locals(), message)) {
                    rule = ref;
                }
            }
        }
        if (rule == null) {
            List<RuleRef> rules = WorkspaceEvaluator.violationRules(s);
            rule = rules.size() == 1 ? rules.get(0) : firstRule;
        }
        List<PrintOut> prints = new ArrayList<>();
        for (PrintLine p : result.prints()) {
            Location l = p.location();
            prints.add(new PrintOut(l == null || !l.isKnown() ? "query" : WorkspaceEvaluator.module(l.file(), s),
                    l == null ? 0 : l.startLine(), p.text()));
        }
        return new Explanation("explain", version, sampleIndex, constraint.info().id(), lines,
                events.size() > MAX_EVENTS, prints, rule, result.error() == null ? null : result.error().toString());
    }

    private static Explanation failed(long version, int sample, String constraint, String error) {
        return new Explanation("explain", version, sample, constraint, List.of(), false, List.of(), null, error);
    }

    private static int level(int qid, Map<Integer, Integer> parents) {
        int level = 0;
        Integer q = qid;
        while (q != null && q != 0 && level < 10_000) {
            level++;
            q = parents.get(q);
        }
        return level;
    }

    private static boolean mentions(Map<String, Value> locals, String message) {
        if (locals == null) {
            return false;
        }
        for (Value v : locals.values()) {
            if (v instanceof StringValue sv && sv.value().equals(message)) {
                return true;
            }
            if (!(v instanceof StringValue) && Json.write(v).contains(Json.quote(message))) {
                return true;
            }
        }
        return false;
    }

    private static String locals(Map<String, Value> locals) {
        if (locals == null || locals.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Value> e : locals.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(" = ").append(Json.write(e.getValue()));
            if (sb.length() > MAX_LOCALS_CHARS) {
                return sb.substring(0, MAX_LOCALS_CHARS) + "…";
            }
        }
        return sb.toString();
    }
}
