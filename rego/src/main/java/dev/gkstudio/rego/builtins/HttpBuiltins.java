package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * http.send exists for type checking and for {@code with http.send as ...} mocking; called for real it checks the
 * request object as OPA does (unknown and missing keys are type errors) and then refuses, because the Studio never
 * makes network requests on behalf of a policy.
 */
final class HttpBuiltins {
    private HttpBuiltins() {}

    static final Set<String> ALLOWED = Set.of("method", "url", "body", "enable_redirect", "force_json_decode",
            "force_yaml_decode", "headers", "raw_body", "tls_use_system_certs", "tls_ca_cert", "tls_ca_cert_file",
            "tls_ca_cert_env_variable", "tls_client_cert", "tls_client_cert_file", "tls_client_cert_env_variable",
            "tls_client_key", "tls_client_key_file", "tls_client_key_env_variable", "tls_insecure_skip_verify",
            "tls_server_name", "timeout", "cache", "force_cache", "force_cache_duration_seconds", "raise_error",
            "caching_mode", "max_retry_attempts", "cache_ignored_headers");

    static void register(Map<String, BuiltinFunction> t) {
        t.put("http.send", (c, a) -> {
            String b = "http.send";
            ObjectValue req = Args.obj(b, a, 0);
            List<Value> invalid = new ArrayList<>();
            for (Value k : req.keys()) {
                if (!(k instanceof StringValue ks) || !ALLOWED.contains(ks.value())) invalid.add(k);
            }
            if (!invalid.isEmpty()) throw Args.operandErr(b, 1, "invalid request parameters(s): " + SetValue.of(invalid));
            List<Value> missing = new ArrayList<>();
            for (String k : List.of("method", "url")) if (req.get(k) == null) missing.add(StringValue.of(k));
            if (!missing.isEmpty()) throw Args.operandErr(b, 1, "missing required request parameters(s): " + SetValue.of(missing));
            throw Args.err(b, "network requests are disabled: Gatekeeper Studio does not use the network (mock http.send with `with`)");
        });
    }
}
