package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PEM blocks (Go's encoding/pem), JWK keys and key sets, and the DER bits the JWT and x509 families share. */
final class Keys {
    private Keys() {}

    /** One PEM block and what followed it. */
    record PemBlock(String type, byte[] bytes, String rest) {}

    /** Go's pem.Decode: the first block in the text, or null (garbage before the block is skipped). */
    static PemBlock pemDecode(String text) {
        String rest = text;
        while (true) {
            int begin = rest.startsWith("-----BEGIN ") ? 0 : rest.indexOf("\n-----BEGIN ");
            if (begin < 0) return null;
            if (begin > 0) begin++;
            String s = rest.substring(begin + "-----BEGIN ".length());
            int eol = lineEnd(s);
            String typeLine = s.substring(0, eol).stripTrailing();
            if (!typeLine.endsWith("-----")) {
                rest = s;
                continue;
            }
            String type = typeLine.substring(0, typeLine.length() - 5);
            String body = s.substring(Math.min(s.length(), nextLine(s, eol)));
            String endMarker = "-----END " + type + "-----";
            int end = body.startsWith("-----END ") ? 0 : body.indexOf("\n-----END ");
            if (end < 0) {
                rest = s;
                continue;
            }
            String b64 = body.substring(0, end);
            String after = body.substring(end == 0 ? 0 : end + 1);
            if (!after.startsWith(endMarker)) {
                rest = s;
                continue;
            }
            String tail = after.substring(endMarker.length());
            int tEol = lineEnd(tail);
            if (!tail.substring(0, tEol).isBlank()) {
                rest = s;
                continue;
            }
            tail = tail.substring(nextLine(tail, tEol));
            // headers (Key: value lines) before a blank line are skipped
            StringBuilder data = new StringBuilder();
            String[] lines = b64.split("\n", -1);
            boolean headers = lines.length > 0 && lines[0].contains(":");
            for (String l : lines) {
                if (headers) {
                    if (l.isBlank()) headers = false;
                    continue;
                }
                data.append(l.strip());
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(data.toString());
            } catch (IllegalArgumentException e) {
                rest = s;
                continue;
            }
            return new PemBlock(type, bytes, tail);
        }
    }

    private static int lineEnd(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s.length() : i;
    }

    private static int nextLine(String s, int eol) {
        return eol >= s.length() ? s.length() : eol + 1;
    }

    // ------------------------------------------------------------------ JWK

    /** A key from a JWK: public or private, with the JWK's alg and kid (empty when absent). */
    record JwkKey(String kty, Key key, byte[] secret, String alg, String kid) {}

    static final class KeyException extends Exception {
        KeyException(String m) { super(m, null, false, false); }
    }

    /** Parses a JWK or a JWK set ({"keys": [...]}) as lestrrat-go/jwx's jwk.Parse does. */
    static List<JwkKey> parseJwkSet(String text) throws KeyException {
        Value v;
        try {
            v = Json.parse(text);
        } catch (Json.ParseException e) {
            throw new KeyException("failed to unmarshal JSON into key (*jwk.set): " + e.getMessage());
        }
        if (!(v instanceof ObjectValue o)) throw new KeyException("invalid JWK: not an object");
        List<JwkKey> out = new ArrayList<>();
        if (o.get("keys") instanceof ArrayValue ks) {
            for (Value k : ks.list()) {
                if (!(k instanceof ObjectValue ko)) throw new KeyException("invalid JWK in set");
                out.add(parseJwk(ko));
            }
            return out;
        }
        out.add(parseJwk(o));
        return out;
    }

    static JwkKey parseJwk(ObjectValue o) throws KeyException {
        String kty = s(o, "kty");
        if (kty == null) throw new KeyException("invalid key type from JSON ()");
        String alg = s(o, "alg") == null ? "" : s(o, "alg");
        String kid = s(o, "kid") == null ? "" : s(o, "kid");
        try {
            switch (kty) {
                case "oct" -> {
                    String k = s(o, "k");
                    if (k == null) throw new KeyException("required field k is missing");
                    return new JwkKey(kty, null, b64u(k), alg, kid);
                }
                case "RSA" -> {
                    BigInteger n = big(o, "n"), e = big(o, "e");
                    if (n == null || e == null) throw new KeyException("required field n or e is missing");
                    KeyFactory kf = KeyFactory.getInstance("RSA");
                    BigInteger d = big(o, "d");
                    if (d == null) return new JwkKey(kty, kf.generatePublic(new RSAPublicKeySpec(n, e)), null, alg, kid);
                    BigInteger p = big(o, "p"), q = big(o, "q");
                    PrivateKey pk;
                    if (p != null && q != null) {
                        BigInteger dp = big(o, "dp"), dq = big(o, "dq"), qi = big(o, "qi");
                        if (dp == null) dp = d.mod(p.subtract(BigInteger.ONE));
                        if (dq == null) dq = d.mod(q.subtract(BigInteger.ONE));
                        if (qi == null) qi = q.modInverse(p);
                        pk = kf.generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qi));
                    } else {
                        pk = kf.generatePrivate(new RSAPrivateKeySpec(n, d));
                    }
                    return new JwkKey(kty, pk, null, alg, kid);
                }
                case "EC" -> {
                    String crv = s(o, "crv");
                    String std = switch (crv == null ? "" : crv) {
                        case "P-256" -> "secp256r1";
                        case "P-384" -> "secp384r1";
                        case "P-521" -> "secp521r1";
                        default -> throw new KeyException("invalid curve algorithm " + crv);
                    };
                    ECParameterSpec spec = ecSpec(std);
                    KeyFactory kf = KeyFactory.getInstance("EC");
                    BigInteger d = big(o, "d");
                    if (d != null) return new JwkKey(kty, kf.generatePrivate(new ECPrivateKeySpec(d, spec)), null, alg, kid);
                    BigInteger x = big(o, "x"), y = big(o, "y");
                    if (x == null || y == null) throw new KeyException("required field x or y is missing");
                    return new JwkKey(kty, kf.generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec)), null, alg, kid);
                }
                case "OKP" -> {
                    String crv = s(o, "crv");
                    if (!"Ed25519".equals(crv)) throw new KeyException("unsupported curve " + crv);
                    String d = s(o, "d");
                    if (d != null) return new JwkKey(kty, ed25519Private(b64u(d)), null, alg, kid);
                    String x = s(o, "x");
                    if (x == null) throw new KeyException("required field x is missing");
                    return new JwkKey(kty, ed25519Public(b64u(x)), null, alg, kid);
                }
                default -> throw new KeyException("invalid key type from JSON (" + kty + ")");
            }
        } catch (KeyException e) {
            throw e;
        } catch (Exception e) {
            throw new KeyException("failed to parse key: " + e.getMessage());
        }
    }

    static ECParameterSpec ecSpec(String stdName) throws Exception {
        AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
        ap.init(new ECGenParameterSpec(stdName));
        return ap.getParameterSpec(ECParameterSpec.class);
    }

    private static final byte[] ED_PUB_PREFIX = hexBytes("302a300506032b6570032100");
    private static final byte[] ED_PRIV_PREFIX = hexBytes("302e020100300506032b657004220420");

    static PublicKey ed25519Public(byte[] raw) throws Exception {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(ED_PUB_PREFIX, raw)));
    }

    static PrivateKey ed25519Private(byte[] seed) throws Exception {
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(ED_PRIV_PREFIX, seed)));
    }

    /** The raw 32-byte Ed25519 public key from an X.509-encoded one. */
    static byte[] ed25519Raw(PublicKey k) {
        byte[] enc = k.getEncoded();
        byte[] out = new byte[32];
        System.arraycopy(enc, enc.length - 32, out, 0, 32);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] hexBytes(String h) {
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        return out;
    }

    private static String s(ObjectValue o, String k) {
        return o.get(k) instanceof StringValue sv ? sv.value() : null;
    }

    private static BigInteger big(ObjectValue o, String k) throws KeyException {
        String v = s(o, k);
        if (v == null) return null;
        return new BigInteger(1, b64u(v));
    }

    static byte[] b64u(String s) throws KeyException {
        try {
            String t = s.replace('+', '-').replace('/', '_');
            while (t.endsWith("=")) t = t.substring(0, t.length() - 1);
            return Base64.getUrlDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw new KeyException("failed to decode base64: " + e.getMessage());
        }
    }

    static String b64uEncode(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String b64uEncode(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) b = java.util.Arrays.copyOfRange(b, 1, b.length);
        return b64uEncode(b);
    }

    /** A JWK object for an RSA private key, as jwx exports it. */
    static ObjectValue rsaPrivateJwk(RSAPrivateCrtKey k) {
        return ObjectValue.builder()
                .put("kty", StringValue.of("RSA"))
                .put("n", StringValue.of(b64uEncode(k.getModulus())))
                .put("e", StringValue.of(b64uEncode(k.getPublicExponent())))
                .put("d", StringValue.of(b64uEncode(k.getPrivateExponent())))
                .put("p", StringValue.of(b64uEncode(k.getPrimeP())))
                .put("q", StringValue.of(b64uEncode(k.getPrimeQ())))
                .put("dp", StringValue.of(b64uEncode(k.getPrimeExponentP())))
                .put("dq", StringValue.of(b64uEncode(k.getPrimeExponentQ())))
                .put("qi", StringValue.of(b64uEncode(k.getCrtCoefficient())))
                .build();
    }

    static boolean isRsa(Key k) { return k instanceof RSAPublicKey || k instanceof java.security.interfaces.RSAPrivateKey; }

    static boolean isEc(Key k) { return k instanceof ECPublicKey || k instanceof java.security.interfaces.ECPrivateKey; }

    static boolean isEd(Key k) {
        return k != null && (k.getAlgorithm().equals("EdDSA") || k.getAlgorithm().equals("Ed25519"));
    }

    // ------------------------------------------------------------------ DER (just enough for PKCS#1 and friends)

    /** A DER TLV. */
    record Der(int tag, byte[] content, int headerLen, int totalLen) {
        boolean constructed() { return (tag & 0x20) != 0; }

        List<Der> children() {
            List<Der> out = new ArrayList<>();
            int i = 0;
            while (i < content.length) {
                Der d = read(content, i);
                out.add(d);
                i += d.totalLen;
            }
            return out;
        }

        BigInteger integer() { return new BigInteger(content); }
    }

    static Der read(byte[] b, int off) {
        int tag = b[off] & 0xff;
        int len = b[off + 1] & 0xff;
        int hl = 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            len = 0;
            for (int i = 0; i < n; i++) len = (len << 8) | (b[off + 2 + i] & 0xff);
            hl += n;
        }
        if (off + hl + len > b.length) throw new IllegalArgumentException("asn1: syntax error: data truncated");
        byte[] c = java.util.Arrays.copyOfRange(b, off + hl, off + hl + len);
        return new Der(tag, c, hl, hl + len);
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            byte[] lb = BigInteger.valueOf(len).toByteArray();
            int skip = lb[0] == 0 ? 1 : 0;
            out.write(0x80 | (lb.length - skip));
            out.write(lb, skip, lb.length - skip);
        }
        out.write(content, 0, content.length);
        return out.toByteArray();
    }

    static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.write(p, 0, p.length);
        return tlv(0x30, out.toByteArray());
    }

    /** Wraps a PKCS#1 RSAPrivateKey in PKCS#8 so the JDK can read it. */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algId = hexBytes("300d06092a864886f70d0101010500");
        return seq(tlv(0x02, new byte[] {0}), algId, tlv(0x04, pkcs1));
    }

    /** Wraps a PKCS#1 RSAPublicKey in SubjectPublicKeyInfo. */
    static byte[] pkcs1PubToSpki(byte[] pkcs1) {
        byte[] algId = hexBytes("300d06092a864886f70d0101010500");
        return seq(algId, tlv(0x03, concat(new byte[] {0}, pkcs1)));
    }

    static String utf8(byte[] b) { return new String(b, StandardCharsets.UTF_8); }
}
