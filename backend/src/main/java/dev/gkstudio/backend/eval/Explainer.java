package dev.gkstudio.backend.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gkstudio.backend.eval.Evaluation.RuleRef;
import dev.gkstudio.backend.eval.Explanation.PrintOut;
import dev.gkstudio.backend.eval.Explanation.RuleValues;
import dev.gkstudio.backend.eval.Explanation.TraceLine;
import dev.gkstudio.backend.eval.WorkspaceSetup.Constraint;
import dev.gkstudio.backend.eval.WorkspaceSetup.Sample;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.result.PrintLine;
import dev.gkstudio.rego.ast.Body;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.trace.TraceEvent;
import dev.gkstudio.rego.trace.TraceOp;
import dev.gkstudio.rego.trace.Tracer;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/** Traces one evaluation of a sample against a constraint for the explain view. */
final class Explainer {

    static final int MAX_EVENTS = 20_000;
    private static final int MAX_LOCALS_CHARS = 240;
    private static final int MAX_VALUES = 5;
    private static final ObjectMapper VALUE_JSON = new ObjectMapper();
    private static final int MAX_VALUE_CHARS = 400;

    private Explainer() {
    }

    static Explanation explain(WorkspaceSetup s, long version, int sampleIndex, String constraintId, String message,
                               boolean withValues) {
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
        Value input = WorkspaceSetup.input(sample.review(), constraint.entry());
        EvalResult result = s.compiled.evaluate(input, s.client.inventory().value(), tracer, false, s.externalData);
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
        List<RuleValues> values = withValues ? values(s, events, input) : List.of();
        return new Explanation("explain", version, sampleIndex, constraint.info().id(), lines,
                events.size() > MAX_EVENTS, prints, rule, result.error() == null ? null : result.error().toString(),
                values);
    }

    private static Explanation failed(long version, int sample, String constraint, String error) {
        return new Explanation("explain", version, sample, constraint, List.of(), false, List.of(), null, error,
                List.of());
    }

    /**
     * The values of every rule of the template's modules (each package's document, evaluated once more with
     * the same input) and the distinct values each variable took in the traced evaluation, by enclosing rule.
     */
    private static List<RuleValues> values(WorkspaceSetup s, List<TraceEvent> events, Value input) {
        List<Module> modules = s.compiled.modules();
        Map<Rule, Map<String, Set<Value>>> vars = new IdentityHashMap<>();
        for (int i = 0; i < Math.min(events.size(), MAX_EVENTS); i++) {
            TraceEvent e = events.get(i);
            Location l = e.location();
            if (e.locals() == null || e.locals().isEmpty() || l == null || !l.isKnown() || l.file().isEmpty()) {
                continue;
            }
            Rule r = enclosingRule(modules, l);
            if (r == null) {
                continue;
            }
            Map<String, Set<Value>> byName = vars.computeIfAbsent(r, k -> new LinkedHashMap<>());
            for (Map.Entry<String, Value> b : e.locals().entrySet()) {
                Set<Value> seen = byName.computeIfAbsent(b.getKey(), k -> new LinkedHashSet<>());
                if (seen.size() < MAX_VALUES) {
                    seen.add(b.getValue());
                }
            }
        }
        List<RuleValues> out = new ArrayList<>();
        Map<String, Value> documents = new HashMap<>();
        for (Module m : modules) {
            String pkg = m.pkg().path().toString();
            Value doc = documents.computeIfAbsent(pkg, p -> {
                try {
                    EvalResult r = s.compiled.query(p, input, s.client.inventory().value());
                    return r.error() == null ? r.value() : null;
                } catch (RuntimeException e) {
                    return null;
                }
            });
            for (Rule r : m.rules()) {
                if (!r.location().isKnown()) {
                    continue;
                }
                String name = r.head().name();
                Value v = r.head().args() == null && doc instanceof ObjectValue o && name != null ? o.get(name) : null;
                Map<String, List<String>> varValues = new LinkedHashMap<>();
                vars.getOrDefault(r, Map.of()).forEach((k, vs) -> varValues.put(k, vs.stream().map(Explainer::json).toList()));
                if (v == null && varValues.isEmpty()) {
                    continue;
                }
                out.add(new RuleValues(WorkspaceEvaluator.module(r.location().file(), s), name,
                        r.location().startLine(), r.location().endLine(), v == null ? null : json(v), varValues));
            }
        }
        return out;
    }

    private static Rule enclosingRule(List<Module> modules, Location l) {
        for (Module m : modules) {
            if (!l.file().equals(m.fileName())) {
                continue;
            }
            for (Rule r : m.rules()) {
                Location rl = r.location();
                if (rl.isKnown() && rl.startLine() <= l.startLine() && l.startLine() <= rl.endLine()) {
                    return r;
                }
            }
        }
        return null;
    }

    /** JSON as the author wrote it (the rego writer escapes {@code <>&} as Go does). */
    private static String json(Value v) {
        String text;
        try {
            text = VALUE_JSON.writeValueAsString(JsonValues.toJava(v));
        } catch (JsonProcessingException | RuntimeException e) {
            text = Json.write(v);
        }
        return text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) + "…" : text;
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
