package dev.gkstudio.rego.compiler;

import dev.gkstudio.rego.builtins.BuiltinCatalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builtin function signatures known to the compiler (arity, result, variadic, deprecated, argument kinds).
 * The default table is derived from the one builtin table ({@link BuiltinCatalog}).
 */
public final class Builtins {

    /**
     * One builtin.
     *
     * @param name       name, e.g. {@code count}, {@code internal.member_2}
     * @param arity      number of declared arguments
     * @param hasResult  true if it returns a value (so a call expression may take one extra output argument)
     * @param variadic   true if it accepts any number of arguments ({@code print})
     * @param deprecated deprecated in OPA (strict mode / v1 error)
     * @param infix      infix operator or ""
     * @param argTypes   the kinds each argument admits ({@code number}, {@code any<array|set>}, ...)
     */
    public record Builtin(String name, int arity, boolean hasResult, boolean variadic, boolean deprecated, String infix,
                          List<String> argTypes) {}

    private final Map<String, Builtin> byName;

    public Builtins(Map<String, Builtin> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    private static volatile Builtins defaults;

    /** @return the default table (OPA's builtins of the capabilities version in use). */
    public static Builtins defaults() {
        Builtins d = defaults;
        if (d == null) {
            synchronized (Builtins.class) {
                if (defaults == null) defaults = load();
                d = defaults;
            }
        }
        return d;
    }

    private static Builtins load() {
        Map<String, Builtin> m = new LinkedHashMap<>();
        for (BuiltinCatalog.Entry e : BuiltinCatalog.declared().values()) {
            List<String> types = new ArrayList<>();
            if (!e.variadic()) for (BuiltinCatalog.Arg a : e.args()) types.add(kinds(a.type()));
            m.put(e.name(), new Builtin(e.name(), e.variadic() ? 0 : e.args().size(), !e.resultType().isEmpty(),
                    e.variadic(), e.deprecated(), e.infix(), List.copyOf(types)));
        }
        return new Builtins(m);
    }

    /**
     * The kinds a declared type admits, the only part the literal-argument check looks at: {@code any}, one kind
     * ({@code object[string: any]} gives {@code object}) or {@code any<k1|k2|...>} for a union.
     */
    static String kinds(String type) {
        if (type.equals("any")) return "any";
        if (!type.startsWith("any<")) return kindOf(type);
        List<String> alts = new ArrayList<>();
        int depth = 0, from = 4;
        String inner = type.substring(0, type.length() - 1);
        for (int i = from; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '<' || c == '[') depth++;
            else if (c == '>' || c == ']') depth--;
            else if (c == ',' && depth == 0) {
                alts.add(kindOf(inner.substring(from, i).trim()));
                from = i + 1;
            }
        }
        alts.add(kindOf(inner.substring(from).trim()));
        return alts.contains("any") ? "any" : "any<" + String.join("|", alts) + ">";
    }

    private static String kindOf(String type) {
        int cut = type.length();
        for (int i = 0; i < type.length(); i++) {
            if (type.charAt(i) == '[' || type.charAt(i) == '<') {
                cut = i;
                break;
            }
        }
        return type.substring(0, cut);
    }

    public Builtin get(String name) { return byName.get(name); }

    public boolean contains(String name) { return byName.containsKey(name); }

    public Map<String, Builtin> all() { return byName; }

    /** @return true if any builtin name starts with {@code prefix + "."} (e.g. {@code io.jwt}). */
    public boolean isNamespace(String prefix) {
        String p = prefix + ".";
        for (String n : byName.keySet()) if (n.startsWith(p)) return true;
        return false;
    }
}
