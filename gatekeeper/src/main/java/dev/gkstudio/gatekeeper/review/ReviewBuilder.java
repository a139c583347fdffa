package dev.gkstudio.gatekeeper.review;

import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@code input.review} from a plain object or an AdmissionReview, like Gatekeeper's target. */
public final class ReviewBuilder {
    private static final Set<String> REQUEST_FIELDS = Set.of("uid", "kind", "resource", "subResource", "requestKind",
            "requestResource", "requestSubResource", "name", "namespace", "operation", "userInfo", "object",
            "oldObject", "dryRun", "options");
    private static final Set<String> REVIEW_FIELDS = Set.of("apiVersion", "kind", "request", "response");

    private ReviewBuilder() {
    }

    public static boolean isAdmissionReview(Value obj) {
        return "AdmissionReview".equals(Obj.kind(obj)) && "admission.k8s.io".equals(Obj.groupVersion(obj)[0]);
    }

    private static ObjectValue gvk(String group, String version, String kind) {
        return ObjectValue.builder().put("group", StringValue.of(group)).put("version", StringValue.of(version))
                .put("kind", StringValue.of(kind)).build();
    }

    private static ObjectValue gvr(String group, String version, String resource) {
        return ObjectValue.builder().put("group", StringValue.of(group)).put("version", StringValue.of(version))
                .put("resource", StringValue.of(resource)).build();
    }

    /**
     * A plain object under review (audit, gator): kind from apiVersion/kind, name and namespace from metadata,
     * empty operation and userInfo, no oldObject.
     *
     * @param namespaceObject the object's Namespace when known (audit), else null
     */
    public static Review fromObject(Value obj, Value namespaceObject, String source) {
        String[] gv = Obj.groupVersion(obj);
        ObjectValue.Builder b = ObjectValue.builder()
                .put("uid", StringValue.of(""))
                .put("kind", gvk(gv[0], gv[1], Obj.kind(obj)))
                .put("resource", gvr("", "", ""))
                .put("operation", StringValue.of(""))
                .put("userInfo", ObjectValue.EMPTY)
                .put("object", obj)
                .put("oldObject", NullValue.INSTANCE)
                .put("options", NullValue.INSTANCE);
        String name = Obj.name(obj);
        String ns = Obj.namespace(obj);
        if (!name.isEmpty()) b.put("name", StringValue.of(name));
        if (!ns.isEmpty()) b.put("namespace", StringValue.of(ns));
        if (namespaceObject != null) b.put("namespaceObject", namespaceObject);
        return new Review(b.build(), obj, null, ns, namespaceObject, source, obj);
    }

    /** An AdmissionReview (admission.k8s.io/v1 or v1beta1); errors use gator's wording. */
    public static Review fromAdmissionReview(Value ar, String source) throws GatekeeperException {
        ObjectValue arObj = (ObjectValue) ar;
        for (Value k : arObj.keys()) {
            String key = ((StringValue) k).value();
            if (!REVIEW_FIELDS.contains(key)) {
                throw new GatekeeperException("not a valid AdmissionReview object: unable to convert to an AdmissionReview object, error: strict decoding error: unknown field \"" + key + "\"");
            }
        }
        Value req = Obj.get(ar, "request");
        if (Obj.isNull(req)) {
            throw new GatekeeperException("missing an AdmissionRequest object: request did not actually pass in an AdmissionRequest");
        }
        if (!(req instanceof ObjectValue r)) {
            throw new GatekeeperException("not a valid AdmissionReview object: unable to convert to an AdmissionReview object, error: request is not an object");
        }
        for (Value k : r.keys()) {
            String key = ((StringValue) k).value();
            if (!REQUEST_FIELDS.contains(key)) {
                throw new GatekeeperException("not a valid AdmissionReview object: unable to convert to an AdmissionReview object, error: strict decoding error: unknown field \"request." + key + "\"");
            }
        }
        Value object = nonNull(r.get("object"));
        Value oldObject = nonNull(r.get("oldObject"));
        if (object == null && oldObject == null) {
            throw new GatekeeperException("no object or oldObject found to review: AdmissionRequest does not contain an \"object\" or \"oldObject\" to review");
        }
        String op = Obj.str(r, "operation");
        if (op.equals("DELETE")) {
            if (oldObject == null) {
                throw new GatekeeperException("not a valid AdmissionReview object: For admission webhooks registered for DELETE operations, please use Kubernetes v1.15.0+.");
            }
            object = oldObject;
        }
        ObjectValue.Builder b = ObjectValue.builder()
                .put("uid", StringValue.of(Obj.str(r, "uid")))
                .put("kind", gvk(Obj.str(r, "kind", "group"), Obj.str(r, "kind", "version"), Obj.str(r, "kind", "kind")))
                .put("resource", gvr(Obj.str(r, "resource", "group"), Obj.str(r, "resource", "version"), Obj.str(r, "resource", "resource")))
                .put("operation", StringValue.of(op))
                .put("userInfo", userInfo(r.get("userInfo")))
                .put("object", object == null ? NullValue.INSTANCE : object)
                .put("oldObject", oldObject == null ? NullValue.INSTANCE : oldObject)
                .put("options", nonNull(r.get("options")) == null ? NullValue.INSTANCE : r.get("options"));
        for (String opt : List.of("subResource", "requestSubResource", "name", "namespace")) {
            String v = Obj.str(r, opt);
            if (!v.isEmpty()) b.put(opt, StringValue.of(v));
        }
        if (Obj.get(r, "requestKind") instanceof ObjectValue rk) {
            b.put("requestKind", gvk(Obj.str(rk, "group"), Obj.str(rk, "version"), Obj.str(rk, "kind")));
        }
        if (Obj.get(r, "requestResource") instanceof ObjectValue rr) {
            b.put("requestResource", gvr(Obj.str(rr, "group"), Obj.str(rr, "version"), Obj.str(rr, "resource")));
        }
        Value dry = r.get("dryRun");
        if (dry != null && !Obj.isNull(dry)) b.put("dryRun", dry);
        Value subject = object != null ? object : oldObject;
        return new Review(b.build(), object, oldObject, Obj.str(r, "namespace"), null, source, subject);
    }

    private static Value nonNull(Value v) {
        return v == null || v instanceof NullValue ? null : v;
    }

    private static Value userInfo(Value u) {
        if (!(u instanceof ObjectValue uo)) return ObjectValue.EMPTY;
        ObjectValue.Builder b = ObjectValue.builder();
        for (Map.Entry<Value, Value> e : uo.asMap().entrySet()) {
            String k = ((StringValue) e.getKey()).value();
            Value v = e.getValue();
            if (Obj.isNull(v)) continue;
            if (v instanceof StringValue s && s.value().isEmpty()) continue;
            b.put(k, v);
        }
        return b.build();
    }
}
