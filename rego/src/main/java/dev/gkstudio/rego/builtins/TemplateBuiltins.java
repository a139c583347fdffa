package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * strings.render_template: the subset of Go's text/template that policies use — field and variable references
 * ({@code .a.b}, {@code $x}, {@code .}), {@code if}/{@code else if}/{@code else}, {@code range} (with index and
 * element variables, and {@code else}), {@code with}, comments, trim markers ({@code {{-}} / {@code -}}}), literals and
 * the functions {@code len}, {@code index}, {@code eq}, {@code ne}, {@code lt}, {@code le}, {@code gt}, {@code ge},
 * {@code and}, {@code or}, {@code not}, {@code print}, {@code printf}. Missing keys render as {@code <undefined>}.
 */
final class TemplateBuiltins {
    private TemplateBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("strings.render_template", (c, a) -> {
            String b = "strings.render_template";
            String tpl = Args.str(b, a, 0);
            ObjectValue vars = Args.obj(b, a, 1);
            try {
                List<Node> nodes = new TParser(tpl).parse();
                StringBuilder out = new StringBuilder();
                Map<String, Value> scope = new HashMap<>();
                scope.put("$", vars);
                CTX.set(c);
                exec(nodes, vars, scope, out);
                return StringValue.of(out.toString());
            } catch (TemplateException e) {
                throw Args.err(b, e.getMessage());
            } finally {
                CTX.remove();
                TICKS.remove();
            }
        });
    }

    static final class TemplateException extends Exception {
        TemplateException(String m) { super(m, null, false, false); }
    }

    /** A marker for a missing map key. */
    private static final Value MISSING = StringValue.of("<undefined>");

    sealed interface Node permits Text, Action, If, Range, With {}

    record Text(String text) implements Node {}

    record Action(List<String> decl, String expr) implements Node {}

    record If(String cond, List<Node> then, List<Node> otherwise) implements Node {}

    record Range(List<String> vars, String expr, List<Node> body, List<Node> otherwise) implements Node {}

    record With(String expr, List<Node> body, List<Node> otherwise) implements Node {}

    // ------------------------------------------------------------------ parsing

    static final class TParser {
        final List<Object> items = new ArrayList<>(); // String text or String[]{action}
        int pos;

        TParser(String src) throws TemplateException {
            int i = 0;
            StringBuilder text = new StringBuilder();
            while (i < src.length()) {
                int open = src.indexOf("{{", i);
                if (open < 0) {
                    text.append(src, i, src.length());
                    break;
                }
                text.append(src, i, open);
                int close = src.indexOf("}}", open + 2);
                if (close < 0) throw new TemplateException("template: render:1: unclosed action");
                String inner = src.substring(open + 2, close);
                boolean trimLeft = inner.startsWith("- ") || inner.equals("-");
                boolean trimRight = inner.endsWith(" -");
                if (trimLeft) {
                    inner = inner.substring(1);
                    int e = text.length();
                    while (e > 0 && Character.isWhitespace(text.charAt(e - 1))) e--;
                    text.setLength(e);
                }
                if (trimRight) inner = inner.substring(0, inner.length() - 1);
                items.add(text.toString());
                text.setLength(0);
                items.add(new String[] {inner.strip()});
                i = close + 2;
                if (trimRight) while (i < src.length() && Character.isWhitespace(src.charAt(i))) i++;
            }
            items.add(text.toString());
        }

        List<Node> parse() throws TemplateException {
            List<Node> out = new ArrayList<>();
            String end = block(out);
            if (end != null) throw new TemplateException("template: render:1: unexpected {{" + end + "}}");
            return out;
        }

        /** Parses nodes up to an {{end}} / {{else ...}}; returns that keyword action, or null at the end of input. */
        String block(List<Node> out) throws TemplateException {
            while (pos < items.size()) {
                Object it = items.get(pos++);
                if (it instanceof String s) {
                    if (!s.isEmpty()) out.add(new Text(s));
                    continue;
                }
                String a = ((String[]) it)[0];
                if (a.startsWith("/*")) continue;
                if (a.equals("end") || a.equals("else") || a.startsWith("else ")) return a;
                if (a.startsWith("if ")) {
                    out.add(ifNode(a.substring(3).strip()));
                } else if (a.startsWith("range ")) {
                    String spec = a.substring(6).strip();
                    List<String> vars = new ArrayList<>();
                    int assign = spec.indexOf(":=");
                    if (assign >= 0) {
                        for (String v : spec.substring(0, assign).split(",")) vars.add(v.strip());
                        spec = spec.substring(assign + 2).strip();
                    }
                    List<Node> body = new ArrayList<>();
                    String end = block(body);
                    List<Node> otherwise = new ArrayList<>();
                    if ("else".equals(end)) end = block(otherwise);
                    if (!"end".equals(end)) throw new TemplateException("template: render:1: unexpected EOF");
                    out.add(new Range(vars, spec, body, otherwise));
                } else if (a.startsWith("with ")) {
                    List<Node> body = new ArrayList<>();
                    String end = block(body);
                    List<Node> otherwise = new ArrayList<>();
                    if ("else".equals(end)) end = block(otherwise);
                    if (!"end".equals(end)) throw new TemplateException("template: render:1: unexpected EOF");
                    out.add(new With(a.substring(5).strip(), body, otherwise));
                } else {
                    List<String> decl = new ArrayList<>();
                    String expr = a;
                    int assign = a.indexOf(":=");
                    if (assign > 0 && a.startsWith("$")) {
                        decl.add(a.substring(0, assign).strip());
                        expr = a.substring(assign + 2).strip();
                    }
                    out.add(new Action(decl, expr));
                }
            }
            return null;
        }

        If ifNode(String cond) throws TemplateException {
            List<Node> then = new ArrayList<>();
            String end = block(then);
            List<Node> otherwise = new ArrayList<>();
            if (end != null && end.startsWith("else if ")) {
                otherwise.add(ifNode(end.substring(8).strip()));
                return new If(cond, then, otherwise);
            }
            if ("else".equals(end)) end = block(otherwise);
            if (!"end".equals(end)) throw new TemplateException("template: render:1: unexpected EOF");
            return new If(cond, then, otherwise);
        }
    }

    // ------------------------------------------------------------------ execution

    /** The evaluation a render runs in: loops poll its cancellation and the output stays within the limits. */
    private static final ThreadLocal<BuiltinContext> CTX = new ThreadLocal<>();
    private static final ThreadLocal<long[]> TICKS = ThreadLocal.withInitial(() -> new long[1]);

    private static void tick(StringBuilder out) {
        long[] t = TICKS.get();
        if ((++t[0] & 0x3ff) == 0) {
            BuiltinContext c = CTX.get();
            if (c != null) c.checkCancelled();
        }
        Limits.checkLength(out.length());
    }

    private static void exec(List<Node> nodes, Value dot, Map<String, Value> scope, StringBuilder out) throws TemplateException {
        for (Node n : nodes) {
            tick(out);
            if (n instanceof Text t) {
                out.append(t.text);
            } else if (n instanceof Action a) {
                Value v = eval(a.expr, dot, scope);
                if (!a.decl.isEmpty()) scope.put(a.decl.get(0), v);
                else out.append(print(v));
            } else if (n instanceof If i) {
                if (truthy(eval(i.cond, dot, scope))) exec(i.then, dot, scope, out);
                else exec(i.otherwise, dot, scope, out);
            } else if (n instanceof With w) {
                Value v = eval(w.expr, dot, scope);
                if (truthy(v)) exec(w.body, v, scope, out);
                else exec(w.otherwise, dot, scope, out);
            } else if (n instanceof Range r) {
                Value v = eval(r.expr, dot, scope);
                List<Value[]> entries = new ArrayList<>();
                if (v instanceof ArrayValue av) {
                    for (int i = 0; i < av.size(); i++) entries.add(new Value[] {NumberValue.of(i), av.get(i)});
                } else if (v instanceof SetValue sv) {
                    int i = 0;
                    for (Value e : sv.sorted()) entries.add(new Value[] {NumberValue.of(i++), e});
                } else if (v instanceof ObjectValue ov) {
                    List<Value> keys = new ArrayList<>(ov.keys());
                    keys.sort(null);
                    for (Value k : keys) entries.add(new Value[] {k, ov.get(k)});
                } else if (v instanceof NumberValue nv && nv.toIntOrNull() != null) {
                    Limits.ensure(CTX.get(), "strings.render_template", 32L * Math.max(0, nv.toIntOrNull()));
                    for (int i = 0; i < nv.toIntOrNull(); i++) entries.add(new Value[] {NumberValue.of(i), NumberValue.of(i)});
                } else if (!(v instanceof NullValue) && v != MISSING) {
                    throw new TemplateException("template: render:1: range can't iterate over " + print(v));
                }
                if (entries.isEmpty()) {
                    exec(r.otherwise, dot, scope, out);
                    continue;
                }
                for (Value[] e : entries) {
                    Map<String, Value> inner = new HashMap<>(scope);
                    if (r.vars.size() == 1) inner.put(r.vars.get(0), e[1]);
                    if (r.vars.size() == 2) {
                        inner.put(r.vars.get(0), e[0]);
                        inner.put(r.vars.get(1), e[1]);
                    }
                    exec(r.body, e[1], inner, out);
                }
            }
        }
    }

    static boolean truthy(Value v) {
        if (v == null || v == MISSING || v instanceof NullValue) return false;
        if (v instanceof BooleanValue b) return b.value();
        if (v instanceof NumberValue n) return n.value().signum() != 0;
        if (v instanceof StringValue s) return !s.value().isEmpty();
        if (v instanceof ArrayValue a) return a.size() > 0;
        if (v instanceof ObjectValue o) return o.size() > 0;
        if (v instanceof SetValue s) return s.size() > 0;
        return true;
    }

    /** Go's fmt %v of the value as text/template sees it (ast.JSON: maps, slices, json numbers). */
    static String print(Value v) {
        if (v == MISSING) return "<undefined>";
        if (v instanceof StringValue s) return s.value();
        if (v instanceof NullValue) return "<nil>";
        if (v instanceof ArrayValue a) {
            List<String> parts = new ArrayList<>();
            for (Value e : a.list()) parts.add(print(e));
            return "[" + String.join(" ", parts) + "]";
        }
        if (v instanceof SetValue s) {
            List<String> parts = new ArrayList<>();
            for (Value e : s.sorted()) parts.add(print(e));
            return "[" + String.join(" ", parts) + "]";
        }
        if (v instanceof ObjectValue o) {
            List<String> keys = new ArrayList<>();
            for (Value k : o.keys()) keys.add(Json.keyText(k));
            keys.sort(null);
            List<String> parts = new ArrayList<>();
            for (String k : keys) parts.add(k + ":" + print(o.get(k)));
            return "map[" + String.join(" ", parts) + "]";
        }
        return v.toString();
    }

    // ------------------------------------------------------------------ expressions

    private static Value eval(String expr, Value dot, Map<String, Value> scope) throws TemplateException {
        List<String> toks = tokens(expr);
        if (toks.isEmpty()) throw new TemplateException("template: render:1: missing value for command");
        // pipelines: a | f b  ==> f b a
        Value result = null;
        List<String> cmd = new ArrayList<>();
        List<List<String>> cmds = new ArrayList<>();
        for (String t : toks) {
            if (t.equals("|")) {
                cmds.add(cmd);
                cmd = new ArrayList<>();
            } else {
                cmd.add(t);
            }
        }
        cmds.add(cmd);
        for (List<String> c : cmds) result = command(c, dot, scope, result);
        return result;
    }

    private static Value command(List<String> c, Value dot, Map<String, Value> scope, Value piped) throws TemplateException {
        String head = c.get(0);
        if (FUNCS.contains(head)) {
            List<Value> args = new ArrayList<>();
            for (int i = 1; i < c.size(); i++) args.add(term(c.get(i), dot, scope));
            if (piped != null) args.add(piped);
            return call(head, args);
        }
        if (c.size() > 1) throw new TemplateException("template: render:1: can't give argument to non-function " + head);
        return term(head, dot, scope);
    }

    private static final java.util.Set<String> FUNCS = java.util.Set.of("len", "index", "eq", "ne", "lt", "le", "gt", "ge",
            "and", "or", "not", "print", "printf", "println");

    private static Value call(String f, List<Value> a) throws TemplateException {
        switch (f) {
            case "len" -> {
                Value v = a.get(0);
                if (v instanceof StringValue s) return NumberValue.of(s.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                if (v instanceof ArrayValue av) return NumberValue.of(av.size());
                if (v instanceof ObjectValue ov) return NumberValue.of(ov.size());
                if (v instanceof SetValue sv) return NumberValue.of(sv.size());
                throw new TemplateException("template: render:1: error calling len: len of type " + v.typeName());
            }
            case "index" -> {
                Value v = a.get(0);
                for (int i = 1; i < a.size(); i++) {
                    Value k = a.get(i);
                    if (v instanceof ArrayValue av && k instanceof NumberValue n && n.toIntOrNull() != null
                            && n.toIntOrNull() >= 0 && n.toIntOrNull() < av.size()) {
                        v = av.get(n.toIntOrNull());
                    } else if (v instanceof ObjectValue ov) {
                        v = ov.get(k) == null ? MISSING : ov.get(k);
                    } else {
                        throw new TemplateException("template: render:1: error calling index: index out of range");
                    }
                }
                return v;
            }
            case "eq" -> {
                for (int i = 1; i < a.size(); i++) if (a.get(0).equals(a.get(i))) return BooleanValue.TRUE;
                return BooleanValue.FALSE;
            }
            case "ne" -> {
                return BooleanValue.of(!a.get(0).equals(a.get(1)));
            }
            case "lt" -> {
                return BooleanValue.of(a.get(0).compareTo(a.get(1)) < 0);
            }
            case "le" -> {
                return BooleanValue.of(a.get(0).compareTo(a.get(1)) <= 0);
            }
            case "gt" -> {
                return BooleanValue.of(a.get(0).compareTo(a.get(1)) > 0);
            }
            case "ge" -> {
                return BooleanValue.of(a.get(0).compareTo(a.get(1)) >= 0);
            }
            case "and" -> {
                for (Value v : a) if (!truthy(v)) return v;
                return a.get(a.size() - 1);
            }
            case "or" -> {
                for (Value v : a) if (truthy(v)) return v;
                return a.get(a.size() - 1);
            }
            case "not" -> {
                return BooleanValue.of(!truthy(a.get(0)));
            }
            case "print", "println" -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0 && !(a.get(i) instanceof StringValue) && !(a.get(i - 1) instanceof StringValue)) sb.append(' ');
                    sb.append(print(a.get(i)));
                }
                if (f.equals("println")) sb.append('\n');
                return StringValue.of(sb.toString());
            }
            default -> {
                String fmt = ((StringValue) a.get(0)).value();
                List<Object> args = new ArrayList<>(a.subList(1, a.size()));
                return StringValue.of(GoFmt.sprintf(fmt, args));
            }
        }
    }

    private static Value term(String t, Value dot, Map<String, Value> scope) throws TemplateException {
        if (t.startsWith("(") && t.endsWith(")")) return eval(t.substring(1, t.length() - 1), dot, scope);
        if (t.startsWith("\"")) {
            try {
                return Json.parse(t);
            } catch (Json.ParseException e) {
                throw new TemplateException("template: render:1: bad string " + t);
            }
        }
        if (t.startsWith("`")) return StringValue.of(t.substring(1, t.length() - 1));
        if (t.equals("true") || t.equals("false")) return BooleanValue.of(t.equals("true"));
        if (t.equals("nil")) return NullValue.INSTANCE;
        if (t.equals(".")) return dot;
        NumberValue n = NumberValue.tryParse(t);
        if (n != null) return n;
        Value base;
        String rest;
        if (t.startsWith("$")) {
            int dotAt = t.indexOf('.');
            String name = dotAt < 0 ? t : t.substring(0, dotAt);
            base = scope.get(name);
            if (base == null) throw new TemplateException("template: render:1: undefined variable \"" + name + "\"");
            rest = dotAt < 0 ? "" : t.substring(dotAt);
        } else if (t.startsWith(".")) {
            base = dot;
            rest = t;
        } else {
            throw new TemplateException("template: render:1: function \"" + t + "\" not defined");
        }
        for (String f : rest.split("\\.")) {
            if (f.isEmpty()) continue;
            if (base instanceof ObjectValue o) {
                Value v = o.get(f);
                base = v == null ? MISSING : v;
            } else if (base == MISSING || base instanceof NullValue) {
                base = MISSING;
            } else {
                throw new TemplateException("template: render:1: can't evaluate field " + f + " in type " + base.typeName());
            }
        }
        return base;
    }

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '"' || ch == '`') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != ch) j += s.charAt(j) == '\\' && ch == '"' ? 2 : 1;
                out.add(s.substring(i, Math.min(j + 1, s.length())));
                i = j + 1;
            } else if (ch == '(') {
                int depth = 0, j = i;
                for (; j < s.length(); j++) {
                    if (s.charAt(j) == '(') depth++;
                    if (s.charAt(j) == ')' && --depth == 0) break;
                }
                out.add(s.substring(i, Math.min(j + 1, s.length())));
                i = j + 1;
            } else if (ch == '|') {
                out.add("|");
                i++;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '|' && s.charAt(j) != '(') j++;
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
