package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** io.jwt.decode and the HMAC verifiers (io.jwt.verify_hs256/384/512). */
final class JwtBuiltins {
    private JwtBuiltins() {}

    record Token(String header, String payload, String signature) {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("io.jwt.decode", (c, a) -> decode("io.jwt.decode", a[0]));
        hs(t, "io.jwt.verify_hs256", "HmacSHA256");
        hs(t, "io.jwt.verify_hs384", "HmacSHA384");
        hs(t, "io.jwt.verify_hs512", "HmacSHA512");
    }

    private static void hs(Map<String, BuiltinFunction> t, String name, String alg) {
        t.put(name, (c, a) -> {
            Token tok = split(name, a[0]);
            String secret = Args.str(name, a, 1);
            byte[] sig = b64(name, tok.signature, "JWT signature had invalid encoding: ");
            byte[] mac = CryptoBuiltins.hmac(alg, EncodingBuiltins.bytes(secret),
                    (tok.header + "." + tok.payload).getBytes(StandardCharsets.UTF_8));
            return BooleanValue.of(MessageDigest.isEqual(mac, sig));
        });
    }

    static Token split(String b, Value v) {
        String s = Args.str(b, new Value[] {v}, 0);
        if (!s.contains(".")) throw Args.err(b, "encoded JWT had no period separators");
        String[] parts = s.split("\\.", -1);
        if (parts.length == 5) throw Args.err(b, "JWT is a JWE object, which is not supported");
        if (parts.length != 3) throw Args.err(b, "encoded JWT must have 3 sections, found " + parts.length);
        return new Token(parts[0], parts[1], parts[2]);
    }

    private static byte[] b64(String b, String s, String what) {
        try {
            return EncodingBuiltins.decode64(EncodingBuiltins.bytes(s), EncodingBuiltins.URL, false);
        } catch (EncodingBuiltins.DecodeException e) {
            throw Args.err(b, what + e.getMessage());
        }
    }

    private static Value parseJson(String b, byte[] data, String what) {
        try {
            return Json.parse(new String(data, StandardCharsets.UTF_8));
        } catch (Json.ParseException e) {
            throw Args.err(b, what);
        }
    }

    static Value decode(String b, Value v) {
        Token tok = split(b, v);
        while (true) {
            Value header = parseJson(b, b64(b, tok.header, "JWT header had invalid encoding: "), "JWT header had invalid JSON");
            if (!(header instanceof ObjectValue ho)) throw Args.err(b, "JWT header had invalid JSON");
            byte[] payloadBytes = b64(b, tok.payload, "JWT payload had invalid encoding: ");
            byte[] sig = b64(b, tok.signature, "JWT signature had invalid encoding: ");
            if (ho.get("cty") instanceof StringValue cty && cty.value().equalsIgnoreCase("JWT")) {
                tok = split(b, StringValue.of(new String(payloadBytes, StandardCharsets.UTF_8)));
                continue;
            }
            Value payload = parseJson(b, payloadBytes, "JWT payload had invalid JSON");
            if (!(payload instanceof ObjectValue)) throw Args.err(b, "JWT payload had invalid JSON");
            return ArrayValue.of(header, payload, StringValue.of(EncodingBuiltins.hex(sig)));
        }
    }
}
