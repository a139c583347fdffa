package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.Value;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Calls builtins with JSON-written arguments. */
final class BuiltinTestSupport {
    private BuiltinTestSupport() {}

    static final class Ctx implements BuiltinContext {
        final Map<Object, Object> cache = new HashMap<>();
        @Override public Instant now() { return Instant.ofEpochSecond(1_700_000_000L); }
        @Override public Map<Object, Object> queryCache() { return cache; }
        @Override public void checkCancelled() {}
    }

    static Value json(String s) {
        try {
            return Json.parse(s);
        } catch (Json.ParseException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    /** Calls name with JSON arguments; returns the result's term rendering, or "undefined". */
    static String call(String name, String... args) {
        return call(new Ctx(), name, args);
    }

    static String call(BuiltinContext ctx, String name, String... args) {
        BuiltinFunction f = BuiltinRegistry.lookup(name);
        if (f == null) throw new IllegalArgumentException("no builtin " + name);
        Value[] v = new Value[args.length];
        for (int i = 0; i < args.length; i++) v[i] = json(args[i]);
        Value r = f.call(ctx, v);
        return r == null ? "undefined" : r.toString();
    }

    /** The error message a call raises. */
    static String error(String name, String... args) {
        try {
            return "no error: " + call(name, args);
        } catch (BuiltinException e) {
            return e.code() + ": " + e.getMessage();
        }
    }
}
