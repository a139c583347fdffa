package dev.gkstudio.rego.builtins;

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
        TemplateBuiltins.register(t);
        RegoAstBuiltins.register(t);
        return Collections.unmodifiableMap(t);
    }
}
