package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.Value;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** The one table of builtin implementations, filled by each family's {@code register} method. */
public final class BuiltinRegistry {
    private static final Map<String, BuiltinFunction> TABLE = build();

    private BuiltinRegistry() {}

    /** The implementation of the builtin with this name (e.g. {@code "count"}, {@code "strings.reverse"}), or null. */
    public static BuiltinFunction lookup(String name) {
        return TABLE.get(name);
    }

    public static Map<String, BuiltinFunction> all() {
        return TABLE;
    }

    private static Map<String, BuiltinFunction> build() {
        Map<String, BuiltinFunction> t = new HashMap<>();
        NumberBuiltins.register(t);
        ComparisonBuiltins.register(t);
        SetBuiltins.register(t);
        AggregateBuiltins.register(t);
        TypeBuiltins.register(t);
        ObjectBuiltins.register(t);
        ArrayBuiltins.register(t);
        StringBuiltins.register(t);
        EncodingBuiltins.register(t);
        JsonBuiltins.register(t);
        RegexBuiltins.register(t);
        GlobBuiltins.register(t);
        UnitsBuiltins.register(t);
        TimeBuiltins.register(t);
        JsonSchemaSupport.register(t);
        NetBuiltins.register(t);
        CryptoBuiltins.register(t);
        SemverBuiltins.register(t);
        UuidBuiltins.register(t);
        UriBuiltins.register(t);
        GraphBuiltins.register(t);
        RandBuiltins.register(t);
        OpaBuiltins.register(t);
        HttpBuiltins.register(t);
        BitsBuiltins.register(t);
        YamlBuiltins.register(t);
        JwtBuiltins.register(t);
        X509Builtins.register(t);
        GraphqlBuiltins.register(t);
        ProvidersBuiltins.register(t);
        ExternalDataBuiltin.register(t);
        TemplateBuiltins.register(t);
        RegoAstBuiltins.register(t);
        Map<String, BuiltinFunction> guarded = new HashMap<>();
        for (Map.Entry<String, BuiltinFunction> e : t.entrySet()) guarded.put(e.getKey(), guard(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(guarded);
    }

    /**
     * Every builtin runs under {@link Limits}: its result is charged to the evaluation's memory budget, and a
     * limit hit deep inside it (a number out of range, an allocation the JVM cannot satisfy) becomes an
     * {@code eval_limit_error} naming the builtin instead of an escaping Throwable.
     */
    private static BuiltinFunction guard(String name, BuiltinFunction f) {
        return (c, a) -> {
            Value r;
            try {
                r = f.call(c, a);
            } catch (Limits.Exceeded e) {
                throw Limits.error(name, e.getMessage());
            } catch (OutOfMemoryError e) {
                throw Limits.error(name, "result too large: out of memory (memory limit)");
            }
            Limits.charge(c, name, r);
            return r;
        };
    }
}
