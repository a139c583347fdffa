package dev.gkstudio.rego.parser;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Package;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds {@code # METADATA} comment blocks, parses their YAML and attaches them to the following statement. */
final class AnnotationParser {
    private AnnotationParser() {}

    private static final List<String> SCOPES = List.of("rule", "document", "package", "subpackages");

    static List<Rule> attach(Parser ps, List<Comment> comments, Package pkg, List<Rule> rules, List<Annotation> out) {
        if (comments.isEmpty()) return rules;
        List<List<Comment>> blocks = new ArrayList<>();
        List<Comment> cur = null;
        Comment prev = null;
        for (Comment c : comments) {
            if (cur != null) {
                if (prev != null && c.location().startLine() == prev.location().startLine() + 1 && c.location().startCol() == 1) {
                    cur.add(c);
                    prev = c;
                    continue;
                }
                cur = null;
            }
            if (c.text().strip().startsWith("METADATA")) {
                cur = new ArrayList<>();
                cur.add(c);
                blocks.add(cur);
            }
            prev = c;
        }
        if (blocks.isEmpty()) return rules;
        List<Rule> result = new ArrayList<>(rules);
        for (List<Comment> b : blocks) {
            Comment head = b.get(0);
            Location loc = head.location().span(b.get(b.size() - 1).location());
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < b.size(); i++) {
                String t = b.get(i).text();
                if (t.startsWith(" ")) t = t.substring(1);
                sb.append(t).append('\n');
            }
            if (sb.toString().isBlank()) {
                ps.errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, "expected METADATA block, found whitespace", head.location()));
                continue;
            }
            Object y;
            try {
                y = new Load(LoadSettings.builder().build()).loadFromString(sb.toString());
            } catch (RuntimeException e) {
                String msg = e.getMessage() == null ? "invalid yaml" : e.getMessage().split("\n")[0];
                ps.errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, "yaml: " + msg, head.location()));
                continue;
            }
            if (!(y instanceof Map<?, ?> m)) {
                ps.errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, "yaml: unmarshal errors: expected a mapping", head.location()));
                continue;
            }
            Map<String, Object> raw = new LinkedHashMap<>();
            for (var e : m.entrySet()) raw.put(String.valueOf(e.getKey()), e.getValue());
            // find target: first rule or package after the block
            int endOff = loc.endOffset();
            int ruleIdx = -1;
            boolean pkgTarget = false;
            if (pkg.location().isKnown() && pkg.location().startOffset() >= endOff) {
                pkgTarget = true;
            }
            if (!pkgTarget) {
                for (int i = 0; i < result.size(); i++) {
                    if (result.get(i).location().startOffset() >= endOff) {
                        ruleIdx = i;
                        break;
                    }
                }
            }
            String scope = raw.get("scope") instanceof String s ? s : null;
            if (scope != null && !SCOPES.contains(scope)) {
                ps.errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, "invalid annotation scope '" + scope
                        + "'. Use one of 'rule', 'document', 'package', or 'subpackages'", loc));
                continue;
            }
            if (scope == null) scope = pkgTarget ? "package" : "rule";
            if (pkgTarget && (scope.equals("rule") || scope.equals("document"))) {
                ps.errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, "annotation scope '" + scope
                        + "' must be applied to rule (have package)", loc));
                continue;
            }
            if (!pkgTarget && ruleIdx < 0 && !scope.equals("package") && !scope.equals("subpackages")) {
                ps.errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, "annotation scope '" + scope
                        + "' must be applied to rule (have none)", loc));
                continue;
            }
            Ref target;
            if (pkgTarget || ruleIdx < 0) target = pkg.path();
            else {
                Ref rr = result.get(ruleIdx).head().ref();
                List<Term> ts = new ArrayList<>(pkg.path().terms());
                Term h = rr.get(0);
                if (h instanceof Var v) ts.add(Scalar.string(v.name(), v.location()));
                for (int i = 1; i < rr.size() && rr.get(i).isGround(); i++) ts.add(rr.get(i));
                target = new Ref(ts, rr.location());
            }
            Annotation a = new Annotation(scope,
                    raw.get("title") instanceof String s ? s : null,
                    raw.get("description") instanceof String s ? s : null,
                    stringList(raw.get("organizations")),
                    mapList(raw.get("related_resources"), "ref"),
                    mapList(raw.get("authors"), "name"),
                    schemaList(raw.get("schemas")),
                    Boolean.TRUE.equals(raw.get("entrypoint")),
                    raw.get("custom") instanceof Map<?, ?> cm ? stringKeys(cm) : Map.of(),
                    raw, target, loc);
            out.add(a);
            if (!pkgTarget && ruleIdx >= 0 && !scope.equals("package") && !scope.equals("subpackages")) {
                Rule r = result.get(ruleIdx);
                List<Annotation> as = new ArrayList<>(r.annotations());
                as.add(a);
                result.set(ruleIdx, r.withAnnotations(as));
            }
        }
        return result;
    }

    private static List<String> stringList(Object o) {
        List<String> l = new ArrayList<>();
        if (o instanceof List<?> xs) for (Object x : xs) l.add(String.valueOf(x));
        return l;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (var e : m.entrySet()) r.put(String.valueOf(e.getKey()), e.getValue());
        return r;
    }

    private static List<Map<String, Object>> mapList(Object o, String keyForString) {
        List<Map<String, Object>> l = new ArrayList<>();
        if (o instanceof List<?> xs) {
            for (Object x : xs) {
                if (x instanceof Map<?, ?> m) l.add(stringKeys(m));
                else if (x != null) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    String s = String.valueOf(x).trim();
                    if (keyForString.equals("name") && s.endsWith(">") && s.contains(" <")) {
                        int i = s.lastIndexOf(" <");
                        m.put("name", s.substring(0, i).trim());
                        m.put("email", s.substring(i + 2, s.length() - 1));
                    } else m.put(keyForString, s);
                    l.add(m);
                }
            }
        }
        return l;
    }

    private static List<Map<String, Object>> schemaList(Object o) {
        List<Map<String, Object>> l = new ArrayList<>();
        if (o instanceof List<?> xs) {
            for (Object x : xs) {
                if (x instanceof Map<?, ?> m) {
                    for (var e : m.entrySet()) {
                        Map<String, Object> s = new LinkedHashMap<>();
                        s.put("path", String.valueOf(e.getKey()));
                        if (e.getValue() instanceof String str) s.put("schema", str);
                        else s.put("definition", e.getValue());
                        l.add(s);
                    }
                }
            }
        }
        return l;
    }
}
