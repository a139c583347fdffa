package dev.gkstudio.rego.builtins;

import java.util.Map;

/**
 * http.send exists for type checking and for {@code with http.send as ...} mocking; called for real
 * it refuses, because the Studio never makes network requests on behalf of a policy.
 */
final class HttpBuiltins {
    private HttpBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("http.send", (c, a) -> {
            Args.obj("http.send", a, 0);
            throw Args.err("http.send", "network requests are disabled: Gatekeeper Studio does not use the network (mock http.send with `with`)");
        });
    }
}
