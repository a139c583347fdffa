package dev.gkstudio.gatekeeper.audit;

import dev.gkstudio.gatekeeper.client.GatekeeperClient;
import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.gatekeeper.engine.EvalOptions;
import dev.gkstudio.gatekeeper.review.ReviewBuilder;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Audit like Gatekeeper's: every object against every constraint; per constraint totals and a capped list. */
public final class Audit {
    /** One entry of status.violations. */
    public record Violation(String group, String version, String kind, String name, String namespace, String message,
                            String enforcementAction) {
    }

    /** A constraint's audit status. */
    public record ConstraintStatus(String kind, String name, String auditTimestamp, long totalViolations, List<Violation> violations) {
    }

    private Audit() {
    }

    /**
     * Reviews each object (the inventory of the client is the cluster state; Namespace objects in it provide
     * namespaceObject and namespaceSelector data).
     */
    public static Map<String, ConstraintStatus> run(GatekeeperClient client, List<Value> objects, int cap) throws GatekeeperException {
        String ts = Instant.now().toString();
        Map<String, long[]> totals = new LinkedHashMap<>();
        Map<String, List<Violation>> lists = new LinkedHashMap<>();
        for (String key : client.constraints().keySet()) {
            totals.put(key, new long[1]);
            lists.put(key, new ArrayList<>());
        }
        for (Value obj : objects) {
            String ns = Obj.namespace(obj);
            Value nsObj = ns.isEmpty() ? null : client.inventory().namespace(ns);
            for (Result r : client.review(ReviewBuilder.fromObject(obj, nsObj, "Original"), EvalOptions.DEFAULT).results()) {
                String key = Obj.kind(r.constraint()) + "/" + Obj.name(r.constraint());
                totals.computeIfAbsent(key, k -> new long[1])[0]++;
                List<Violation> l = lists.computeIfAbsent(key, k -> new ArrayList<>());
                if (l.size() < cap) {
                    String[] gv = Obj.groupVersion(obj);
                    l.add(new Violation(gv[0], gv[1], Obj.kind(obj), Obj.name(obj), ns, truncate(r.msg(), 256), r.enforcementAction()));
                }
            }
        }
        Map<String, ConstraintStatus> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : totals.entrySet()) {
            String[] kn = e.getKey().split("/", 2);
            out.put(e.getKey(), new ConstraintStatus(kn[0], kn[1], ts, e.getValue()[0], lists.get(e.getKey())));
        }
        return out;
    }

    /** Cuts a message to at most max bytes of UTF-8 without splitting a character. */
    public static String truncate(String msg, int max) {
        byte[] b = msg.getBytes(StandardCharsets.UTF_8);
        if (b.length <= max) return msg;
        int n = 0, i = 0;
        while (i < msg.length()) {
            int cp = msg.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (n + len > max) break;
            n += len;
            i += Character.charCount(cp);
        }
        return msg.substring(0, i);
    }
}
