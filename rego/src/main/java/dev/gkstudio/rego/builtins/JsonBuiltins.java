package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** json.* builtins. */
final class JsonBuiltins {
    private JsonBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("json.marshal", (c, a) -> {
            Limits.ensureRenderable(c, "json.marshal", a[0]);
            return StringValue.of(Json.write(a[0]));
        });
        t.put("json.unmarshal", (c, a) -> {
            String s = Args.str("json.unmarshal", a, 0);
            Limits.chargeBytes(c, "json.unmarshal", 2L * s.length());
            try {
                return Json.parse(s);
            } catch (Json.ParseException e) {
                throw Args.err("json.unmarshal", e.getMessage());
            }
        });
        t.put("json.filter", (c, a) -> {
            ObjectValue o = Args.obj("json.filter", a, 0);
            return filter(o, pathsToObject(paths("json.filter", a[1])));
        });
        t.put("json.remove", (c, a) -> {
            Args.obj("json.remove", a, 0);
            return remove(a[0], pathsToObject(paths("json.remove", a[1])));
        });
        t.put("json.patch", (c, a) -> {
            ArrayValue ops = Args.arr("json.patch", a, 1);
            Value target = a[0];
            for (Value op : ops.list()) {
                if (!(op instanceof ObjectValue o)) throw Args.operandErr("json.patch", 2, "must be an array of JSON-Patch objects");
                // as OPA's edit tree: removing the root leaves no document until an add at the root puts one back
                if (JsonPatch.isRootRemove(o)) {
                    if (target == null) return null;
                    target = null;
                    continue;
                }
                if (target == null) {
                    target = JsonPatch.rootAdd(o);
                    if (target == null) return null;
                    continue;
                }
                target = JsonPatch.apply(target, o);
                if (target == null) return null;
            }
            return target;
        });
        t.put("json.marshal_with_options", (c, a) -> {
            String b = "json.marshal_with_options";
            ObjectValue opts = Args.obj(b, a, 1);
            Limits.ensureRenderable(c, b, a[0]);
            String prefix = "", indent = "\t";
            Boolean pretty = null;
            boolean custom = false;
            for (Value k : opts.keys()) {
                Value v = opts.get(k);
                String key = k instanceof StringValue ks ? ks.value() : null;
                if ("prefix".equals(key)) {
                    if (!(v instanceof StringValue sv)) throw Args.operandErr(b, 2, "prefix must be a string but got " + v.typeName());
                    prefix = sv.value();
                    custom = true;
                } else if ("indent".equals(key)) {
                    if (!(v instanceof StringValue sv)) throw Args.operandErr(b, 2, "indent must be a string but got " + v.typeName());
                    indent = sv.value();
                    custom = true;
                } else if ("pretty".equals(key)) {
                    if (!(v instanceof BooleanValue bv)) throw Args.operandErr(b, 2, "pretty must be a boolean but got " + v.typeName());
                    pretty = bv.value();
                } else {
                    throw Args.operandErr(b, 2, "object contained unknown key " + k);
                }
            }
            boolean doPretty = pretty != null ? pretty : custom;
            if (!doPretty) return StringValue.of(Json.write(a[0]));
            StringBuilder sb = new StringBuilder(prefix);
            indent(Json.write(a[0]), prefix, indent, sb);
            return StringValue.of(sb.toString());
        });
        t.put("json.is_valid", (c, a) -> {
            if (!(a[0] instanceof StringValue s)) return BooleanValue.FALSE;
            try {
                Json.parse(s.value());
                return BooleanValue.TRUE;
            } catch (Json.ParseException e) {
                return BooleanValue.FALSE;
            }
        });
    }

    /** Go's json.Indent applied to compact JSON text. */
    static void indent(String src, String prefix, String indent, StringBuilder dst) {
        int depth = 0;
        boolean inString = false, needIndent = false;
        for (int i = 0; i < src.length(); i++) {
            char c = src.charAt(i);
            if (inString) {
                dst.append(c);
                if (c == '\\') {
                    dst.append(src.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (needIndent && c != ']' && c != '}') {
                needIndent = false;
                depth++;
                newline(dst, prefix, indent, depth);
            }
            switch (c) {
                case '"':
                    inString = true;
                    dst.append(c);
                    break;
                case '{': case '[':
                    needIndent = true;
                    dst.append(c);
                    break;
                case ',':
                    dst.append(c);
                    newline(dst, prefix, indent, depth);
                    break;
                case ':':
                    dst.append(": ");
                    break;
                case '}': case ']':
                    if (needIndent) {
                        needIndent = false;
                    } else {
                        depth--;
                        newline(dst, prefix, indent, depth);
                    }
                    dst.append(c);
                    break;
                default:
                    dst.append(c);
            }
        }
    }

    private static void newline(StringBuilder dst, String prefix, String indent, int depth) {
        dst.append('\n').append(prefix);
        for (int k = 0; k < depth; k++) dst.append(indent);
    }

    /** Paths given as "/a/b" strings (JSON pointer escapes) or arrays of segments. */
    static List<List<Value>> paths(String b, Value v) {
        List<Value> es;
        if (v instanceof ArrayValue arr) es = arr.list();
        else if (v instanceof SetValue s) es = s.sorted();
        else throw BuiltinException.operand(b, 2, v, "set", "array");
        List<List<Value>> out = new ArrayList<>();
        for (Value p : es) {
            List<Value> segs = new ArrayList<>();
            if (p instanceof StringValue s) {
                if (!s.value().isEmpty()) {
                    String trimmed = s.value().replaceFirst("^/+", "");
                    for (String part : trimmed.split("/", -1)) {
                        segs.add(StringValue.of(part.replace("~1", "/").replace("~0", "~")));
                    }
                }
            } else if (p instanceof ArrayValue arr) {
                segs.addAll(arr.list());
            } else {
                throw Args.operandErr(b, 2, "must be one of {set, array} containing string paths or array of path segments but got "
                        + p.typeName());
            }
            out.add(segs);
        }
        return out;
    }

    /** Turns paths into a tree of nested objects whose leaves are null. */
    static Value pathsToObject(List<List<Value>> paths) {
        Map<Value, Object> root = new LinkedHashMap<>();
        for (List<Value> path : paths) {
            if (path.isEmpty()) continue;
            Map<Value, Object> node = root;
            boolean done = false;
            for (int i = 0; i < path.size() - 1 && !done; i++) {
                Object child = node.get(path.get(i));
                if (child == null && !node.containsKey(path.get(i))) {
                    Map<Value, Object> m = new LinkedHashMap<>();
                    node.put(path.get(i), m);
                    node = m;
                } else if (child == null) {
                    done = true;
                } else {
                    @SuppressWarnings("unchecked") Map<Value, Object> m = (Map<Value, Object>) child;
                    node = m;
                }
            }
            if (!done) node.put(path.get(path.size() - 1), null);
        }
        return toValue(root);
    }

    private static Value toValue(Object o) {
        if (o == null) return NullValue.INSTANCE;
        @SuppressWarnings("unchecked") Map<Value, Object> m = (Map<Value, Object>) o;
        Map<Value, Value> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, toValue(v)));
        return ObjectValue.wrap(out);
    }

    /** OPA's Object.Filter: keeps what the filter tree names. */
    static Value filter(Value o, Value f) {
        if (f instanceof NullValue) return o;
        ObjectValue fo = (ObjectValue) f;
        if (o instanceof ArrayValue arr) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                // OPA's filterObject looks array items up by their index as a string only
                Value sub = fo.get(StringValue.of(Integer.toString(i)));
                if (sub != null) out.add(filter(arr.get(i), sub));
            }
            return ArrayValue.of(out);
        }
        if (o instanceof SetValue s) {
            Set<Value> out = new LinkedHashSet<>();
            for (Value e : s.sorted()) {
                Value sub = fo.get(e);
                if (sub != null) out.add(filter(e, sub));
            }
            return SetValue.wrap(out);
        }
        if (o instanceof ObjectValue ov) {
            Map<Value, Value> out = new LinkedHashMap<>();
            for (Value k : ov.keys()) {
                Value sub = fo.get(k);
                if (sub != null) out.put(k, filter(ov.get(k), sub));
            }
            return ObjectValue.wrap(out);
        }
        return o;
    }

    /** OPA's jsonRemove: drops what the filter tree names (array elements shift left). */
    static Value remove(Value a, Value b) {
        if (b == null) return a;
        if (b instanceof NullValue) return null;
        ObjectValue bo = (ObjectValue) b;
        if (a instanceof ObjectValue ao) {
            Map<Value, Value> out = new LinkedHashMap<>();
            for (Value k : ao.keys()) {
                Value v = remove(ao.get(k), bo.get(k));
                if (v != null) out.put(k, v);
            }
            return ObjectValue.wrap(out);
        }
        if (a instanceof SetValue s) {
            Set<Value> out = new LinkedHashSet<>();
            for (Value e : s.sorted()) {
                Value v = remove(e, bo.get(e));
                if (v != null) out.add(v);
            }
            return SetValue.wrap(out);
        }
        if (a instanceof ArrayValue arr) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                // as json.filter: OPA looks array items up by their index as a string only
                Value sub = bo.get(StringValue.of(Integer.toString(i)));
                Value v = remove(arr.get(i), sub);
                if (v != null) out.add(v);
            }
            return ArrayValue.of(out);
        }
        return a;
    }
}
