package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * io.jwt.*: decode, decode_verify, the verify_* family (HS/RS/PS/ES/EdDSA) and encode_sign(_raw), with the JDK's
 * crypto. Keys come from PEM certificates or public keys, or from JWKs and JWK sets; error texts follow OPA's.
 */
final class JwtBuiltins {
    private JwtBuiltins() {}

    record Token(String header, String payload, String signature) {}

    static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384",
            "ES512", "HS256", "HS384", "HS512", "EdDSA");

    /** A verification key: a JDK key or an HMAC secret, with the JWK's alg and kid ("" when none). */
    record VKey(Key key, byte[] secret, String alg, String kid) {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("io.jwt.decode", (c, a) -> decode("io.jwt.decode", a[0]));
        hs(t, "io.jwt.verify_hs256", "HmacSHA256");
        hs(t, "io.jwt.verify_hs384", "HmacSHA384");
        hs(t, "io.jwt.verify_hs512", "HmacSHA512");
        for (String bits : List.of("256", "384", "512")) {
            asym(t, "io.jwt.verify_rs" + bits, "RS" + bits);
            asym(t, "io.jwt.verify_ps" + bits, "PS" + bits);
            asym(t, "io.jwt.verify_es" + bits, "ES" + bits);
        }
        asym(t, "io.jwt.verify_eddsa", "EdDSA");
        t.put("io.jwt.decode_verify", JwtBuiltins::decodeVerify);
        t.put("io.jwt.encode_sign", (c, a) -> {
            String b = "io.jwt.encode_sign";
            Args.obj(b, a, 0);
            Args.obj(b, a, 1);
            Args.obj(b, a, 2);
            return encodeSign(b, Json.write(a[0]), Json.write(a[1]), Json.write(a[2]));
        });
        t.put("io.jwt.encode_sign_raw", (c, a) -> {
            String b = "io.jwt.encode_sign_raw";
            String key = Args.str(b, a, 2);
            return encodeSign(b, Args.str(b, a, 0), Args.str(b, a, 1), key);
        });
    }

    // ------------------------------------------------------------------ verify_*

    private static void hs(Map<String, BuiltinFunction> t, String name, String alg) {
        t.put(name, (c, a) -> {
            Token tok = split(name, a[0]);
            String secret = Args.str(name, a, 1);
            byte[] sig = b64(name, tok.signature, "");
            byte[] mac = CryptoBuiltins.hmac(alg, EncodingBuiltins.bytes(secret),
                    (tok.header + "." + tok.payload).getBytes(StandardCharsets.UTF_8));
            return BooleanValue.of(MessageDigest.isEqual(mac, sig));
        });
    }

    private static void asym(Map<String, BuiltinFunction> t, String name, String alg) {
        t.put(name, (c, a) -> {
            Token tok = split(name, a[0]);
            String keyText = Args.str(name, a, 1);
            List<VKey> keys = keysFromCertOrJwk(name, keyText);
            byte[] sig = b64(name, tok.signature, "");
            ObjectValue header = decodeHeader(name, tok);
            Map<String, String> h = parseHeader(name, header);
            byte[] input = (tok.header + "." + tok.payload).getBytes(StandardCharsets.UTF_8);
            String kid = h.getOrDefault("kid", "");
            String halg = h.getOrDefault("alg", "");
            if (!kid.isEmpty()) {
                for (VKey k : keys) {
                    if (k.kid.equals(kid)) return BooleanValue.of(verifyFixed(alg, k.key, input, sig));
                }
            }
            for (VKey k : keys) {
                if (!k.alg.isEmpty() && !k.alg.equals(halg)) continue;
                if (verifyFixed(alg, k.key, input, sig)) return BooleanValue.TRUE;
            }
            return BooleanValue.FALSE;
        });
    }

    /** The verify_* builtins' check: the builtin's own algorithm, whatever the header says. */
    private static boolean verifyFixed(String alg, Key key, byte[] input, byte[] sig) {
        if (alg.startsWith("ES")) {
            if (!(key instanceof PublicKey pk) || !Keys.isEc(key)) return false;
            int n = sig.length / 2;
            return ecdsaVerify(hashName(alg), pk, input, Arrays.copyOfRange(sig, 0, n), Arrays.copyOfRange(sig, n, sig.length));
        }
        return verify(key, null, alg, input, sig);
    }

    // ------------------------------------------------------------------ keys

    static List<VKey> keysFromCertOrJwk(String b, String text) {
        Keys.PemBlock block = Keys.pemDecode(text);
        if (block != null) {
            if (!block.rest().isEmpty()) throw Args.err(b, "extra data after a PEM certificate block");
            if (block.type().equals("CERTIFICATE")) {
                try {
                    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new java.io.ByteArrayInputStream(block.bytes()));
                    return List.of(new VKey(cert.getPublicKey(), null, "", ""));
                } catch (Exception e) {
                    throw Args.err(b, "failed to parse a PEM certificate: " + e.getMessage());
                }
            }
            if (block.type().equals("PUBLIC KEY")) {
                try {
                    return List.of(new VKey(parsePkix(block.bytes()), null, "", ""));
                } catch (Exception e) {
                    throw Args.err(b, "failed to parse a PEM public key: " + e.getMessage());
                }
            }
            throw Args.err(b, "failed to extract a Key from the PEM certificate");
        }
        List<Keys.JwkKey> jwks;
        try {
            jwks = Keys.parseJwkSet(text);
        } catch (Keys.KeyException e) {
            throw Args.err(b, "failed to parse a JWK key (set): " + e.getMessage());
        }
        List<VKey> out = new ArrayList<>();
        for (Keys.JwkKey k : jwks) {
            if (!k.alg().isEmpty() && !ALGORITHMS.contains(k.alg())) continue;
            out.add(new VKey(k.key(), k.secret(), k.alg(), k.kid()));
        }
        return out;
    }

    static PublicKey parsePkix(byte[] der) throws Exception {
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return java.security.KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
            } catch (Exception ignored) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("x509: unknown public key algorithm");
    }

    // ------------------------------------------------------------------ signatures

    static String hashName(String alg) {
        if (alg.endsWith("384")) return "SHA-384";
        if (alg.endsWith("512")) return "SHA-512";
        return "SHA-256";
    }

    private static String jdkHash(String alg) { return hashName(alg).replace("-", ""); }

    /** jwsbb.Verify: the header's algorithm with a key (or an HMAC secret); false when they do not fit. */
    static boolean verify(Key key, byte[] secret, String alg, byte[] input, byte[] sig) {
        try {
            switch (alg) {
                case "HS256", "HS384", "HS512" -> {
                    if (secret == null) return false;
                    byte[] mac = CryptoBuiltins.hmac("Hmac" + jdkHash(alg), secret, input);
                    return MessageDigest.isEqual(mac, sig);
                }
                case "RS256", "RS384", "RS512" -> {
                    if (!(key instanceof RSAPublicKey pk)) return false;
                    Signature s = Signature.getInstance(jdkHash(alg) + "withRSA");
                    s.initVerify(pk);
                    s.update(input);
                    return s.verify(sig);
                }
                case "PS256", "PS384", "PS512" -> {
                    if (!(key instanceof RSAPublicKey pk)) return false;
                    return pssVerify(pk, hashName(alg), CryptoBuiltins.digest(hashName(alg), input), sig);
                }
                case "ES256", "ES384", "ES512" -> {
                    if (!(key instanceof PublicKey pk) || !Keys.isEc(key)) return false;
                    int n = (((ECKey) key).getParams().getCurve().getField().getFieldSize() + 7) / 8;
                    if (sig.length != 2 * n) return false;
                    return ecdsaVerify(hashName(alg), pk, input, Arrays.copyOfRange(sig, 0, n), Arrays.copyOfRange(sig, n, sig.length));
                }
                case "EdDSA" -> {
                    if (!(key instanceof PublicKey pk) || !Keys.isEd(key)) return false;
                    Signature s = Signature.getInstance("Ed25519");
                    s.initVerify(pk);
                    s.update(input);
                    return s.verify(sig);
                }
                default -> {
                    return false;
                }
            }
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean ecdsaVerify(String hash, PublicKey pk, byte[] input, byte[] r, byte[] s) {
        try {
            byte[] der = Keys.seq(Keys.tlv(0x02, new BigInteger(1, r).toByteArray()), Keys.tlv(0x02, new BigInteger(1, s).toByteArray()));
            Signature sig = Signature.getInstance(hash.replace("-", "") + "withECDSA");
            sig.initVerify(pk);
            sig.update(input);
            return sig.verify(der);
        } catch (Exception e) {
            return false;
        }
    }

    /** RSASSA-PSS verification with the salt length detected from the signature (Go's PSSSaltLengthAuto). */
    static boolean pssVerify(RSAPublicKey pk, String hash, byte[] mHash, byte[] sig) {
        BigInteger n = pk.getModulus();
        int k = (n.bitLength() + 7) / 8;
        if (sig.length != k) return false;
        BigInteger s = new BigInteger(1, sig);
        if (s.compareTo(n) >= 0) return false;
        BigInteger m = s.modPow(pk.getPublicExponent(), n);
        int emBits = n.bitLength() - 1;
        int emLen = (emBits + 7) / 8;
        byte[] mb = m.toByteArray();
        if (mb.length > emLen) {
            for (int i = 0; i < mb.length - emLen; i++) if (mb[i] != 0) return false;
            mb = Arrays.copyOfRange(mb, mb.length - emLen, mb.length);
        }
        byte[] em = new byte[emLen];
        System.arraycopy(mb, 0, em, emLen - mb.length, mb.length);
        int hLen = mHash.length;
        if (emLen < hLen + 2 || (em[emLen - 1] & 0xff) != 0xbc) return false;
        byte[] maskedDB = Arrays.copyOfRange(em, 0, emLen - hLen - 1);
        byte[] h = Arrays.copyOfRange(em, emLen - hLen - 1, emLen - 1);
        int zeroBits = 8 * emLen - emBits;
        int topMask = 0xff >> zeroBits;
        if ((maskedDB[0] & ~topMask & 0xff) != 0) return false;
        byte[] dbMask = mgf1(hash, h, maskedDB.length);
        byte[] db = new byte[maskedDB.length];
        for (int i = 0; i < db.length; i++) db[i] = (byte) (maskedDB[i] ^ dbMask[i]);
        db[0] &= (byte) topMask;
        int i = 0;
        while (i < db.length && db[i] == 0) i++;
        if (i == db.length || db[i] != 1) return false;
        byte[] salt = Arrays.copyOfRange(db, i + 1, db.length);
        byte[] mPrime = new byte[8 + hLen + salt.length];
        System.arraycopy(mHash, 0, mPrime, 8, hLen);
        System.arraycopy(salt, 0, mPrime, 8 + hLen, salt.length);
        return MessageDigest.isEqual(h, CryptoBuiltins.digest(hash, mPrime));
    }

    private static byte[] mgf1(String hash, byte[] seed, int len) {
        byte[] out = new byte[len];
        int done = 0;
        for (int counter = 0; done < len; counter++) {
            byte[] c = {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter};
            byte[] d = CryptoBuiltins.digest(hash, Keys.concat(seed, c));
            int n = Math.min(d.length, len - done);
            System.arraycopy(d, 0, out, done, n);
            done += n;
        }
        return out;
    }

    static byte[] sign(String b, Keys.JwkKey key, String alg, byte[] input) {
        try {
            switch (alg) {
                case "HS256", "HS384", "HS512" -> {
                    if (key.secret() == null) throw Args.err(b, "invalid key type for " + alg + ": expected []byte");
                    return CryptoBuiltins.hmac("Hmac" + jdkHash(alg), key.secret(), input);
                }
                case "RS256", "RS384", "RS512", "PS256", "PS384", "PS512" -> {
                    if (!(key.key() instanceof java.security.interfaces.RSAPrivateKey pk)) {
                        throw Args.err(b, "invalid key type for " + alg + ": expected *rsa.PrivateKey");
                    }
                    Signature s;
                    if (alg.startsWith("RS")) {
                        s = Signature.getInstance(jdkHash(alg) + "withRSA");
                    } else {
                        s = Signature.getInstance("RSASSA-PSS");
                        String hn = hashName(alg);
                        s.setParameter(new PSSParameterSpec(hn, "MGF1", new MGF1ParameterSpec(hn),
                                CryptoBuiltins.digest(hn, new byte[0]).length, 1));
                    }
                    s.initSign(pk);
                    s.update(input);
                    return s.sign();
                }
                case "ES256", "ES384", "ES512" -> {
                    if (!(key.key() instanceof java.security.interfaces.ECPrivateKey pk)) {
                        throw Args.err(b, "invalid key type for " + alg + ": expected *ecdsa.PrivateKey");
                    }
                    Signature s = Signature.getInstance(jdkHash(alg) + "withECDSAinP1363Format");
                    s.initSign(pk);
                    s.update(input);
                    return s.sign();
                }
                case "EdDSA" -> {
                    if (!(key.key() instanceof PrivateKey pk) || !Keys.isEd(pk)) {
                        throw Args.err(b, "invalid key type for EdDSA: expected ed25519.PrivateKey");
                    }
                    Signature s = Signature.getInstance("Ed25519");
                    s.initSign(pk);
                    s.update(input);
                    return s.sign();
                }
                default -> throw Args.err(b, "unknown JWS algorithm: " + alg);
            }
        } catch (BuiltinException e) {
            throw e;
        } catch (Exception e) {
            throw Args.err(b, "failed to sign: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ encode_sign

    static Value encodeSign(String b, String headers, String payload, String jwk) {
        List<Keys.JwkKey> keys;
        try {
            keys = Keys.parseJwkSet(jwk);
        } catch (Keys.KeyException e) {
            throw Args.err(b, e.getMessage());
        }
        if (keys.isEmpty()) throw Args.err(b, "no keys found in JWK set");
        Keys.JwkKey key = keys.get(0);
        String alg = headerString(b, headers, "alg", true);
        if (!ALGORITHMS.contains(alg)) throw Args.err(b, "unknown JWS algorithm: " + alg);
        String typ = headerString(b, headers, "typ", false);
        if ((typ == null || typ.equals("JWT")) && !validJson(payload)) {
            throw Args.err(b, "type is JWT but payload is not JSON");
        }
        String signingInput = Keys.b64uEncode(headers.getBytes(StandardCharsets.UTF_8)) + "."
                + Keys.b64uEncode(payload.getBytes(StandardCharsets.UTF_8));
        byte[] sig = sign(b, key, alg, signingInput.getBytes(StandardCharsets.UTF_8));
        return StringValue.of(signingInput + "." + Keys.b64uEncode(sig));
    }

    private static boolean validJson(String s) {
        try {
            Json.parse(s);
            return true;
        } catch (Json.ParseException e) {
            return false;
        }
    }

    /** jwsbb.HeaderGetString: the header's string field; errors as lestrrat-go/jwx words them. */
    private static String headerString(String b, String headers, String field, boolean required) {
        String prefix = "missing or invalid '" + field + "' header: ";
        if (headers.isEmpty()) {
            if (required) throw Args.err(b, prefix + "cannot parse JSON: cannot parse empty string");
            return null;
        }
        Value v;
        try {
            v = Json.parse(headers);
        } catch (Json.ParseException e) {
            if (headers.strip().startsWith("{")) {
                if (required) throw Args.err(b, prefix + "cannot parse JSON");
                return null;
            }
            v = null;
        }
        if (v instanceof ObjectValue o && o.get(field) instanceof StringValue s) return s.value();
        if (v instanceof ObjectValue o && o.get(field) != null) {
            if (required) throw Args.err(b, prefix + "jwsbb: header \"" + field + "\" is not a string");
            return null;
        }
        if (required) throw Args.err(b, prefix + "jwsbb: header \"" + field + "\" not found");
        return null;
    }

    // ------------------------------------------------------------------ decode / decode_verify

    static Token split(String b, Value v) {
        String s = Args.str(b, new Value[] {v}, 0);
        if (!s.contains(".")) throw Args.err(b, "encoded JWT had no period separators");
        String[] parts = s.split("\\.", -1);
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

    /** OPA's extractJSONObject: json.unmarshal, then an object check. */
    private static ObjectValue jsonObject(String b, String s, String prefix) {
        Value v;
        try {
            v = Json.parse(s);
        } catch (Json.ParseException e) {
            throw Args.err(b, prefix + "invalid JSON: " + e.getMessage());
        }
        if (!(v instanceof ObjectValue o)) throw Args.err(b, prefix + "decoded JSON type was not an Object");
        return o;
    }

    static ObjectValue decodeHeader(String b, Token tok) {
        byte[] h = b64(b, tok.header, "JWT header had invalid encoding: ");
        ObjectValue header = jsonObject(b, Keys.utf8(h), "bad JWT header: ");
        if (header.get("enc") != null) throw Args.err(b, "JWT is a JWE object, which is not supported");
        return header;
    }

    static Value decode(String b, Value v) {
        Token tok = split(b, v);
        ObjectValue header = decodeHeader(b, tok);
        byte[] payloadBytes = b64(b, tok.payload, "JWT payload had invalid encoding: ");
        if (header.get("cty") instanceof StringValue cty && cty.value().equals("JWT")) {
            String p = Keys.utf8(payloadBytes);
            p = StringBuiltinsTrim.trim(p, "\"'");
            return decode(b, StringValue.of(p));
        }
        ObjectValue payload = jsonObject(b, Keys.utf8(payloadBytes), "");
        byte[] sig = b64(b, tok.signature, "JWT signature had invalid encoding: ");
        return ArrayValue.of(header, payload, StringValue.of(EncodingBuiltins.hex(sig)));
    }

    /** Trims the cut set from both ends (Go's strings.Trim). */
    private static final class StringBuiltinsTrim {
        static String trim(String s, String cut) {
            int i = 0, j = s.length();
            while (i < j && cut.indexOf(s.charAt(i)) >= 0) i++;
            while (j > i && cut.indexOf(s.charAt(j - 1)) >= 0) j--;
            return s.substring(i, j);
        }
    }

    /** OPA's parseTokenHeader: the known fields (alg, kid, typ, cty as strings, crit), unknown names. */
    private static Map<String, String> parseHeader(String b, ObjectValue header) {
        Map<String, String> out = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        Set<String> crit = new HashSet<>();
        for (Value k : header.keys()) {
            String ks = ((StringValue) k).value();
            Value v = header.get(k);
            switch (ks) {
                case "alg", "kid", "typ", "cty" -> {
                    if (!(v instanceof StringValue s)) throw Args.err(b, ks + ": must be a string");
                    out.put(ks, s.value());
                }
                case "crit" -> {
                    if (!(v instanceof ArrayValue arr)) throw Args.err(b, "crit: must be a list");
                    for (Value e : arr.list()) if (e instanceof StringValue s) crit.add(s.value());
                    if (crit.isEmpty()) throw Args.err(b, "crit: must be a nonempty list");
                }
                default -> unknown.add(ks);
            }
        }
        boolean valid = out.containsKey("alg") && !out.get("alg").isEmpty();
        for (String u : unknown) if (crit.contains(u)) valid = false;
        out.put("\0valid", valid ? "true" : "false");
        return out;
    }

    private static final ArrayValue UNVERIFIED = ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);

    private static Value decodeVerify(BuiltinContext c, Value[] a) {
        String b = "io.jwt.decode_verify";
        ObjectValue cons = Args.obj(b, a, 1);
        String secret = "", alg = "", iss = "", aud = "";
        List<VKey> keys = null;
        double time = -1;
        for (Value k : cons.keys()) {
            String name = k instanceof StringValue s ? s.value() : k.toString();
            Value v = cons.get(k);
            switch (name) {
                case "cert" -> {
                    if (!(v instanceof StringValue s)) throw Args.err(b, "cert constraint: must be a string");
                    keys = keysFromCertOrJwk(b, s.value());
                }
                case "secret", "alg", "iss", "aud" -> {
                    if (!(v instanceof StringValue s)) throw Args.err(b, name + " constraint: must be a string");
                    switch (name) {
                        case "secret" -> secret = s.value();
                        case "alg" -> alg = s.value();
                        case "iss" -> iss = s.value();
                        default -> aud = s.value();
                    }
                }
                case "time" -> time = timeFrom(b, v);
                default -> throw Args.err(b, "unknown token validation constraint: " + name);
            }
        }
        if (time == -1) {
            java.time.Instant now = c.now();
            time = timeFrom(b, NumberValue.of(BigInteger.valueOf(now.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000L))
                    .add(BigInteger.valueOf(now.getNano()))));
        }
        int keyKinds = (keys != null ? 1 : 0) + (!secret.isEmpty() ? 1 : 0);
        if (keyKinds > 1) throw Args.err(b, "duplicate key constraints");
        if (keyKinds < 1) throw Args.err(b, "no key constraint");

        Value jwt = a[0];
        Token tok;
        ObjectValue header;
        byte[] payloadBytes;
        while (true) {
            tok = split(b, jwt);
            header = decodeHeader(b, tok);
            Map<String, String> h = parseHeader(b, header);
            if (!h.get("\0valid").equals("true")) return UNVERIFIED;
            String halg = h.getOrDefault("alg", "");
            if (!alg.isEmpty() && !alg.equals(halg)) return UNVERIFIED;
            byte[] sig = b64(b, tok.signature, "");
            byte[] input = (tok.header + "." + tok.payload).getBytes(StandardCharsets.UTF_8);
            boolean ok = false;
            if (keys != null) {
                String kid = h.getOrDefault("kid", "");
                boolean byKid = false;
                if (!kid.isEmpty()) {
                    for (VKey k : keys) {
                        if (k.kid.equals(kid)) {
                            ok = verify(k.key, k.secret, halg, input, sig);
                            byKid = true;
                            break;
                        }
                    }
                }
                if (!byKid) {
                    for (VKey k : keys) {
                        if (!k.alg.isEmpty() && !k.alg.equals(halg)) continue;
                        if (verify(k.key, k.secret, halg, input, sig)) {
                            ok = true;
                            break;
                        }
                    }
                }
            } else {
                ok = verify(null, secret.getBytes(StandardCharsets.UTF_8), halg, input, sig);
            }
            if (!ok) return UNVERIFIED;
            payloadBytes = b64(b, tok.payload, "JWT payload had invalid encoding: ");
            if (h.getOrDefault("cty", "").equalsIgnoreCase("JWT")) {
                jwt = StringValue.of(Keys.utf8(payloadBytes));
                continue;
            }
            break;
        }
        ObjectValue payload = jsonObject(b, Keys.utf8(payloadBytes), "");
        if (!iss.isEmpty()) {
            if (!(payload.get("iss") instanceof StringValue s) || !s.value().equals(iss)) return UNVERIFIED;
        }
        Value audV = payload.get("aud");
        if (audV != null) {
            boolean match = false;
            if (audV instanceof StringValue s) {
                match = s.value().equals(aud);
            } else if (audV instanceof ArrayValue arr) {
                for (Value e : arr.list()) if (e instanceof StringValue s && s.value().equals(aud)) match = true;
            }
            if (!match) return UNVERIFIED;
        } else if (!aud.isEmpty()) {
            return UNVERIFIED;
        }
        BigDecimal now = BigDecimal.valueOf(time / 1e9);
        Value exp = payload.get("exp");
        if (exp != null) {
            if (!(exp instanceof NumberValue n)) throw Args.err(b, "exp value must be a number");
            if (now.compareTo(n.value()) >= 0) return UNVERIFIED;
        }
        Value nbf = payload.get("nbf");
        if (nbf != null) {
            if (!(nbf instanceof NumberValue n)) throw Args.err(b, "nbf value must be a number");
            if (now.compareTo(n.value()) < 0) return UNVERIFIED;
        }
        return ArrayValue.of(BooleanValue.TRUE, header, payload);
    }

    private static double timeFrom(String b, Value v) {
        if (!(v instanceof NumberValue n)) throw Args.err(b, "token time constraint: must be a number");
        double d = n.value().doubleValue();
        if (Double.isInfinite(d)) throw Args.err(b, "token time constraint: unvalid float64");
        if (d < 0) throw Args.err(b, "token time constraint: must not be negative");
        return d;
    }
}
