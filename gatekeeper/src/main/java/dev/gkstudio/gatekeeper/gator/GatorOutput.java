package dev.gkstudio.gatekeeper.gator;

import dev.gkstudio.gatekeeper.client.GatekeeperClient;
import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.gatekeeper.client.TemplateStats;
import dev.gkstudio.gatekeeper.util.GoJson;
import dev.gkstudio.gatekeeper.util.GoYaml;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code gator test} prints for its results. JSON is {@code json.MarshalIndent} (four spaces) of gator's
 * GatorResult: the framework's Result fields flattened (target, msg, metadata, constraint, enforcementAction,
 * scopedActions, empty ones left out), then violatingObject and trace. YAML is yaml.v3 of YamlGatorResult after a
 * JSON round trip: the embedded Result under a {@code result:} key with lower-cased field names (the constraint,
 * an Unstructured, under {@code object:}), numbers of the object and metadata as float64. With {@code --stats},
 * {@code {results, stats}}.
 */
public final class GatorOutput {
    private GatorOutput() {
    }

    public static String format(String output, List<Result> results, GatorTest.Outcome outcome) {
        return switch (output.toLowerCase(Locale.ROOT)) {
            case "json" -> json(results, outcome);
            case "yaml" -> yaml(results, outcome);
            default -> text(results, outcome.trace());
        };
    }

    static String text(List<Result> results, String trace) {
        StringBuilder sb = new StringBuilder();
        for (Result r : results) {
            var o = r.subject();
            String ns = Obj.namespace(o);
            sb.append(Obj.str(o, "apiVersion")).append('/').append(Obj.kind(o)).append(' ')
                    .append(ns.isEmpty() ? "" : ns + "/").append(Obj.name(o))
                    .append(": [").append(Json.quote(Obj.name(r.constraint()))).append("] Message: ")
                    .append(Json.quote(r.msg())).append('\n');
            if (trace != null) sb.append("Trace: ").append(trace);
        }
        return sb.toString();
    }

    private static String json(List<Result> results, GatorTest.Outcome outcome) {
        List<Object> rs = null;
        if (!results.isEmpty()) {
            rs = new ArrayList<>();
            for (Result r : results) rs.add(jsonResult(r, outcome));
        }
        if (outcome.stats() == null) return GoJson.marshalIndent(rs, "    ");
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("results", rs);
        both.put("stats", stats(outcome.stats(), false));
        return GoJson.marshalIndent(both, "    ");
    }

    private static Map<String, Object> jsonResult(Result r, GatorTest.Outcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", GatekeeperClient.TARGET);
        if (!r.msg().isEmpty()) m.put("msg", r.msg());
        Map<String, Object> metadata = metadata(r, outcome.celKinds());
        if (metadata != null) m.put("metadata", metadata);
        m.put("constraint", r.constraint());
        if (!r.enforcementAction().isEmpty()) m.put("enforcementAction", r.enforcementAction());
        if (!r.scopedActions().isEmpty()) m.put("scopedActions", new ArrayList<Object>(r.scopedActions()));
        m.put("violatingObject", r.subject());
        m.put("trace", outcome.trace());
        return m;
    }

    /** The Rego driver reports {@code details} as metadata; the K8sNativeValidation driver reports none. */
    private static Map<String, Object> metadata(Result r, Set<String> celKinds) {
        if (celKinds.contains(Obj.kind(r.constraint()))) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("details", r.details());
        return m;
    }

    private static String yaml(List<Result> results, GatorTest.Outcome outcome) {
        List<Object> rs = new ArrayList<>();
        for (Result r : results) rs.add(yamlResult(r, outcome));
        if (outcome.stats() == null) return GoYaml.marshal(rs);
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("results", rs);
        both.put("stats", stats(outcome.stats(), true));
        return GoYaml.marshal(both);
    }

    private static Map<String, Object> yamlResult(Result r, GatorTest.Outcome outcome) {
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("target", GatekeeperClient.TARGET);
        res.put("msg", r.msg());
        Map<String, Object> metadata = metadata(r, outcome.celKinds());
        res.put("metadata", metadata == null ? Map.of() : new GoYaml.Floats(metadata));
        Map<String, Object> constraint = new LinkedHashMap<>();
        constraint.put("object", r.constraint());
        res.put("constraint", constraint);
        res.put("enforcementaction", r.enforcementAction());
        res.put("scopedenforcementactions", new ArrayList<Object>(r.scopedActions()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", res);
        m.put("violatingObject", new GoYaml.Floats(r.subject() instanceof ObjectValue ? r.subject() : Map.of()));
        m.put("trace", new GoYaml.Flow(outcome.trace()));
        return m;
    }

    /** The framework's StatsEntry list; YAML keys are the lower-cased Go field names. */
    private static List<Object> stats(List<TemplateStats> stats, boolean yaml) {
        List<Object> out = new ArrayList<>();
        for (TemplateStats s : stats) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("scope", "template");
            e.put(yaml ? "statsfor" : "statsFor", s.kind());
            e.put("stats", List.of(stat("templateRunTimeNS", s.runTimeNs()), stat("constraintCount", s.constraintCount())));
            e.put("labels", List.of(label("TracingEnabled", s.tracing()), label("PrintEnabled", s.printEnabled()),
                    label("target", GatekeeperClient.TARGET)));
            out.add(yaml ? new GoYaml.Floats(e) : e);
        }
        return out;
    }

    private static Map<String, Object> stat(String name, long value) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("type", "engine");
        source.put("value", "Rego");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("value", value);
        m.put("source", source);
        return m;
    }

    private static Map<String, Object> label(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("value", value);
        return m;
    }
}
