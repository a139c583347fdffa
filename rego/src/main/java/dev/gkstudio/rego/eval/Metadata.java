package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.ast.Annotation;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.Ref;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.Scalar;
import dev.gkstudio.rego.ast.Term;
import dev.gkstudio.rego.ast.Var;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import dev.gkstudio.rego.value.Values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The values of {@code rego.metadata.chain()} and {@code rego.metadata.rule()} for a rule, computed from the
 * METADATA annotations of all modules as OPA's compiler does (it rewrites the calls into constants):
 * the chain starts with the rule's own rule-scoped annotations (closest first, or a bare entry with the rule's
 * path), then the document-scoped annotation of the rule's path, the package-scoped annotation of its package
 * and the subpackages-scoped annotations of the package and its ancestors (deepest first). Paths drop
 * {@code data}; {@code annotations} is omitted for a bare entry.
 */
final class Metadata {
    private final List<Annotation> all = new ArrayList<>();

    Metadata(List<Module> modules) {
        for (Module m : modules) all.addAll(m.annotations());
    }

    /** rego.metadata.chain() for rule {@code r} of module {@code m} ({@code ruleAnnotations}: false for else branches). */
    Value chain(Module m, Rule r, boolean ruleAnnotations) {
        List<Value> out = new ArrayList<>();
        List<String> rulePath = rulePath(m, r);
        List<Annotation> own = ruleAnnotations ? ruleScoped(r) : List.of();
        if (own.isEmpty()) {
            out.add(ObjectValue.builder().put("path", strings(rulePath)).build());
        } else {
            for (Annotation a : own) out.add(link(rulePath, a));
        }
        for (Annotation a : all) {
            if ("document".equals(a.scope()) && path(a.targetPath()).equals(rulePath)) {
                out.add(link(rulePath, a));
                break;
            }
        }
        List<String> pkg = path(m.pkg().path());
        for (Annotation a : all) {
            if ("package".equals(a.scope()) && path(a.targetPath()).equals(pkg)) {
                out.add(link(pkg, a));
                break;
            }
        }
        List<Annotation> subs = new ArrayList<>();
        for (Annotation a : all) {
            if (!"subpackages".equals(a.scope())) continue;
            List<String> p = path(a.targetPath());
            if (p.size() <= pkg.size() && pkg.subList(0, p.size()).equals(p)) subs.add(a);
        }
        subs.sort(Comparator.comparingInt((Annotation a) -> path(a.targetPath()).size()).reversed());
        for (Annotation a : subs) out.add(link(path(a.targetPath()), a));
        return ArrayValue.of(out);
    }

    /** rego.metadata.rule(): the closest rule-scoped annotation of the rule, or {}. */
    Value rule(Rule r, boolean ruleAnnotations) {
        List<Annotation> own = ruleAnnotations ? ruleScoped(r) : List.of();
        return own.isEmpty() ? ObjectValue.EMPTY : toObject(own.get(0));
    }

    private static List<Annotation> ruleScoped(Rule r) {
        List<Annotation> own = new ArrayList<>();
        for (Annotation a : r.annotations()) if ("rule".equals(a.scope())) own.add(a);
        own.sort(Comparator.comparingInt((Annotation a) -> a.location().startOffset()).reversed());
        return own;
    }

    private static Value link(List<String> path, Annotation a) {
        return ObjectValue.builder().put("annotations", toObject(a)).put("path", strings(path)).build();
    }

    private static List<String> rulePath(Module m, Rule r) {
        List<String> p = path(m.pkg().path());
        Ref rr = r.head().ref();
        Term h = rr.get(0);
        if (h instanceof Var v) p.add(v.name());
        else p.add(String.valueOf(h));
        for (int i = 1; i < rr.size(); i++) {
            Term t = rr.get(i);
            if (!t.isGround() || !(t instanceof Scalar s)) break;
            p.add(s.value() instanceof String str ? str : t.toString());
        }
        return p;
    }

    /** Ref terms as strings, without the leading {@code data}. */
    private static List<String> path(Ref ref) {
        List<String> p = new ArrayList<>();
        if (ref == null) return p;
        for (int i = 0; i < ref.size(); i++) {
            Term t = ref.get(i);
            if (i == 0 && t instanceof Var v && v.name().equals("data")) continue;
            if (t instanceof Scalar s && s.value() instanceof String str) p.add(str);
            else if (t instanceof Var v) p.add(v.name());
            else p.add(t.toString());
        }
        return p;
    }

    private static Value strings(List<String> l) {
        List<Value> vs = new ArrayList<>();
        for (String s : l) vs.add(StringValue.of(s));
        return ArrayValue.of(vs);
    }

    /** OPA's Annotations.toObject. */
    static Value toObject(Annotation a) {
        ObjectValue.Builder b = ObjectValue.builder();
        if (a.scope() != null && !a.scope().isEmpty()) b.put("scope", StringValue.of(a.scope()));
        if (a.title() != null && !a.title().isEmpty()) b.put("title", StringValue.of(a.title()));
        if (a.entrypoint()) b.put("entrypoint", BooleanValue.TRUE);
        if (a.description() != null && !a.description().isEmpty()) b.put("description", StringValue.of(a.description()));
        if (!a.organizations().isEmpty()) {
            List<Value> vs = new ArrayList<>();
            for (String o : a.organizations()) vs.add(StringValue.of(o));
            b.put("organizations", ArrayValue.of(vs));
        }
        if (!a.relatedResources().isEmpty()) {
            List<Value> vs = new ArrayList<>();
            for (Map<String, Object> rr : a.relatedResources()) {
                ObjectValue.Builder o = ObjectValue.builder();
                if (rr.get("ref") != null) o.put("ref", StringValue.of(String.valueOf(rr.get("ref"))));
                if (rr.get("description") instanceof String d && !d.isEmpty()) o.put("description", StringValue.of(d));
                vs.add(o.build());
            }
            b.put("related_resources", ArrayValue.of(vs));
        }
        if (!a.authors().isEmpty()) {
            List<Value> vs = new ArrayList<>();
            for (Map<String, Object> au : a.authors()) {
                ObjectValue.Builder o = ObjectValue.builder();
                if (au.get("name") instanceof String n && !n.isEmpty()) o.put("name", StringValue.of(n));
                if (au.get("email") instanceof String e && !e.isEmpty()) o.put("email", StringValue.of(e));
                vs.add(o.build());
            }
            b.put("authors", ArrayValue.of(vs));
        }
        if (!a.schemas().isEmpty()) {
            List<Value> vs = new ArrayList<>();
            for (Map<String, Object> s : a.schemas()) {
                ObjectValue.Builder o = ObjectValue.builder();
                o.put("path", strings(List.of(String.valueOf(s.get("path")).split("\\."))));
                if (s.get("schema") instanceof String sc) o.put("schema", strings(List.of(sc.split("\\."))));
                if (s.containsKey("definition")) o.put("definition", Values.fromJava(s.get("definition")));
                vs.add(o.build());
            }
            b.put("schemas", ArrayValue.of(vs));
        }
        if (a.custom() != null && !a.custom().isEmpty()) b.put("custom", Values.fromJava(a.custom()));
        return b.build();
    }
}
