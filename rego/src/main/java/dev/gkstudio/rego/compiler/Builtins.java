package dev.gkstudio.rego.compiler;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builtin function signatures known to the compiler (arity, result, variadic, deprecated, argument types).
 * The default table is derived from OPA's capabilities.json ({@code builtins.tsv} resource).
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
     * @param argTypes   simplified argument type strings ({@code number}, {@code any<array[any]|set[any]>}, ...)
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
        try (InputStream in = Builtins.class.getResourceAsStream("builtins.tsv")) {
            if (in != null) {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isEmpty() || line.startsWith("#")) continue;
                    String[] f = line.split("\t", -1);
                    List<String> types = f.length > 6 && !f[6].isEmpty() ? Arrays.asList(f[6].split(";")) : List.of();
                    m.put(f[0], new Builtin(f[0], Integer.parseInt(f[1]), f[2].equals("1"), f[3].equals("1"),
                            f[4].equals("1"), f[5], types));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot load builtins.tsv", e);
        }
        return new Builtins(m);
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
