package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** base64, base64url, hex and urlquery encodings with Go's decoders and error messages. */
final class EncodingBuiltins {
    private EncodingBuiltins() {}

    static final String STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static final String URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** Thrown by the decoders; the message is Go's. */
    static final class DecodeException extends Exception {
        DecodeException(String m) { super(m, null, false, false); }
    }

    static void register(Map<String, BuiltinFunction> t) {
        t.put("base64.encode", (c, a) -> StringValue.of(Base64.getEncoder().encodeToString(bytes(Args.str("base64.encode", a, 0)))));
        t.put("base64.decode", (c, a) -> {
            try {
                return StringValue.of(str(decode64(bytes(Args.str("base64.decode", a, 0)), STD, true)));
            } catch (DecodeException e) {
                throw Args.err("base64.decode", e.getMessage());
            }
        });
        t.put("base64.is_valid", (c, a) -> {
            try {
                decode64(bytes(Args.str("base64.is_valid", a, 0)), STD, true);
                return BooleanValue.TRUE;
            } catch (DecodeException e) {
                return BooleanValue.FALSE;
            }
        });
        t.put("base64url.encode", (c, a) -> StringValue.of(Base64.getUrlEncoder().encodeToString(bytes(Args.str("base64url.encode", a, 0)))));
        t.put("base64url.encode_no_pad", (c, a) -> StringValue.of(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(bytes(Args.str("base64url.encode_no_pad", a, 0)))));
        t.put("base64url.decode", (c, a) -> {
            String s = Args.str("base64url.decode", a, 0);
            try {
                return StringValue.of(str(decodeUrl(s)));
            } catch (DecodeException e) {
                throw Args.err("base64url.decode", e.getMessage());
            }
        });
        t.put("hex.encode", (c, a) -> StringValue.of(hex(bytes(Args.str("hex.encode", a, 0)))));
        t.put("hex.decode", (c, a) -> {
            try {
                return StringValue.of(str(unhex(Args.str("hex.decode", a, 0))));
            } catch (DecodeException e) {
                throw Args.err("hex.decode", e.getMessage());
            }
        });
        t.put("urlquery.encode", (c, a) -> StringValue.of(queryEscape(Args.str("urlquery.encode", a, 0))));
        t.put("urlquery.decode", (c, a) -> {
            try {
                return StringValue.of(queryUnescape(Args.str("urlquery.decode", a, 0)));
            } catch (DecodeException e) {
                throw Args.err("urlquery.decode", e.getMessage());
            }
        });
        t.put("urlquery.encode_object", (c, a) -> {
            String b = "urlquery.encode_object";
            ObjectValue o = Args.obj(b, a, 0);
            TreeMap<String, List<String>> m = new TreeMap<>();
            for (Value k : o.keys()) {
                if (!(k instanceof StringValue ks)) throw Args.operandErr(b, 1, "must be object of strings");
                Value v = o.get(k);
                List<String> vs = new ArrayList<>();
                if (v instanceof StringValue s) vs.add(s.value());
                else if (Args.elems(v) != null) {
                    for (Value e : Args.elems(v)) {
                        if (!(e instanceof StringValue es)) throw Args.operandErr(b, 1, "must be array of strings");
                        vs.add(es.value());
                    }
                } else throw Args.operandErr(b, 1, "must be string, array or set");
                m.put(ks.value(), vs);
            }
            StringBuilder sb = new StringBuilder();
            for (var e : m.entrySet()) {
                for (String v : e.getValue()) {
                    if (sb.length() > 0) sb.append('&');
                    sb.append(queryEscape(e.getKey())).append('=').append(queryEscape(v));
                }
            }
            return StringValue.of(sb.toString());
        });
        t.put("urlquery.decode_object", (c, a) -> {
            String s = Args.str("urlquery.decode_object", a, 0);
            Map<String, List<Value>> m = new LinkedHashMap<>();
            for (String part : s.split("&", -1)) {
                if (part.isEmpty()) continue;
                if (part.contains(";")) throw Args.err("urlquery.decode_object", "invalid semicolon separator in query");
                int eq = part.indexOf('=');
                String k = eq < 0 ? part : part.substring(0, eq), v = eq < 0 ? "" : part.substring(eq + 1);
                try {
                    k = queryUnescape(k);
                    v = queryUnescape(v);
                } catch (DecodeException e) {
                    throw Args.err("urlquery.decode_object", e.getMessage());
                }
                m.computeIfAbsent(k, x -> new ArrayList<>()).add(StringValue.of(v));
            }
            ObjectValue.Builder ob = ObjectValue.builder();
            m.forEach((k, v) -> ob.put(k, ArrayValue.of(v)));
            return ob.build();
        });
    }

    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static String str(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    static byte[] decodeUrl(String s) throws DecodeException {
        byte[] in = bytes(s);
        return decode64(in, URL, s.length() % 4 == 0);
    }

    /** Go's base64 decoding (newlines ignored); padded selects StdEncoding/URLEncoding vs their Raw forms. */
    static byte[] decode64(byte[] src, String alphabet, boolean padded) throws DecodeException {
        int[] map = new int[256];
        java.util.Arrays.fill(map, -1);
        for (int i = 0; i < 64; i++) map[alphabet.charAt(i)] = i;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int si = 0;
        while (true) {
            int[] dbuf = new int[4];
            int dlen = 4;
            boolean done = false;
            String err = null;
            int j = 0;
            for (; j < 4; j++) {
                if (src.length == si) {
                    if (j == 0) return out.toByteArray();
                    if (j == 1 || padded) throw corrupt(si - j);
                    dlen = j;
                    done = true;
                    break;
                }
                int in = src[si] & 0xff;
                si++;
                int o = map[in];
                if (o >= 0) {
                    dbuf[j] = o;
                    continue;
                }
                if (in == '\n' || in == '\r') {
                    j--;
                    continue;
                }
                if (!padded || in != '=') throw corrupt(si - 1);
                switch (j) {
                    case 0: case 1:
                        throw corrupt(si - 1);
                    case 2:
                        while (si < src.length && (src[si] == '\n' || src[si] == '\r')) si++;
                        if (si == src.length) throw corrupt(src.length);
                        if (src[si] != '=') throw corrupt(si - 1);
                        si++;
                        break;
                    default:
                }
                while (si < src.length && (src[si] == '\n' || src[si] == '\r')) si++;
                if (si < src.length) err = "illegal base64 data at input byte " + si;
                dlen = j;
                done = true;
                break;
            }
            int val = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3];
            if (dlen >= 2) out.write((val >> 16) & 0xff);
            if (dlen >= 3) out.write((val >> 8) & 0xff);
            if (dlen >= 4) out.write(val & 0xff);
            if (err != null) throw new DecodeException(err);
            if (done) return out.toByteArray();
        }
    }

    private static DecodeException corrupt(int at) {
        return new DecodeException("illegal base64 data at input byte " + at);
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        return sb.toString();
    }

    static byte[] unhex(String s) throws DecodeException {
        byte[] in = bytes(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 1;
        for (; i < in.length; i += 2) {
            int p = Character.digit(in[i - 1] & 0xff, 16), q = Character.digit(in[i] & 0xff, 16);
            if (p < 0) throw invalidHex(s, i - 1);
            if (q < 0) throw invalidHex(s, i);
            out.write(p << 4 | q);
        }
        if (in.length % 2 == 1) {
            if (Character.digit(in[i - 1] & 0xff, 16) < 0) throw invalidHex(s, i - 1);
            throw new DecodeException("encoding/hex: odd length hex string");
        }
        return out.toByteArray();
    }

    private static DecodeException invalidHex(String s, int byteIndex) {
        byte[] in = bytes(s);
        int b = in[byteIndex] & 0xff;
        String q = GoFmt.quoteRune(b, false);
        return new DecodeException(String.format("encoding/hex: invalid byte: U+%04X %s", b, q));
    }

    /** Go's url.QueryEscape. */
    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte x : bytes(s)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** Go's url.QueryUnescape. */
    static String queryUnescape(String s) throws DecodeException {
        byte[] in = bytes(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i++) {
            int c = in[i] & 0xff;
            if (c == '%') {
                if (i + 2 >= in.length || Character.digit(in[i + 1], 16) < 0 || Character.digit(in[i + 2], 16) < 0) {
                    int endi = Math.min(in.length, i + 3);
                    throw new DecodeException("invalid URL escape " + dev.gkstudio.rego.value.Json.quote(
                            new String(in, i, endi - i, StandardCharsets.UTF_8)));
                }
                out.write(Character.digit(in[i + 1], 16) << 4 | Character.digit(in[i + 2], 16));
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else {
                out.write(c);
            }
        }
        return str(out.toByteArray());
    }
}
