package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;

/** uuid.rfc4122 (random v4, fixed per key within a query) and uuid.parse. */
final class UuidBuiltins {
    private UuidBuiltins() {}

    private static final SecureRandom RANDOM = new SecureRandom();

    static void register(Map<String, BuiltinFunction> t) {
        t.put("uuid.rfc4122", (c, a) -> {
            String key = Args.str("uuid.rfc4122", a, 0);
            Object k = "uuid.rfc4122\u0000" + key;
            Object v = c.queryCache().get(k);
            if (v instanceof StringValue s) return s;
            byte[] b = new byte[16];
            RANDOM.nextBytes(b);
            b[6] = (byte) ((b[6] & 0x0f) | 0x40);
            b[8] = (byte) ((b[8] & 0x3f) | 0x80);
            StringValue s = StringValue.of(format(b));
            c.queryCache().put(k, s);
            return s;
        });
        t.put("uuid.parse", (c, a) -> {
            byte[] u = parse(Args.str("uuid.parse", a, 0));
            if (u == null) return null;
            ObjectValue.Builder ob = ObjectValue.builder();
            int version = (u[6] & 0xff) >> 4;
            ob.put("version", NumberValue.of(version));
            ob.put("variant", StringValue.of(variant(u[8] & 0xff)));
            if (version == 1 || version == 2) {
                long time = (u[0] & 0xffL) << 24 | (u[1] & 0xffL) << 16 | (u[2] & 0xffL) << 8 | (u[3] & 0xffL);
                time |= ((u[4] & 0xffL) << 8 | (u[5] & 0xffL)) << 32;
                time |= (((u[6] & 0xffL) << 8 | (u[7] & 0xffL)) & 0xfff) << 48;
                BigInteger ns = BigInteger.valueOf(time - 122192928000000000L).multiply(BigInteger.valueOf(100));
                ob.put("time", NumberValue.of(ns));
                ob.put("clocksequence", NumberValue.of(((u[8] & 0x3f) << 8) | (u[9] & 0xff)));
                StringBuilder node = new StringBuilder();
                for (int i = 10; i < 16; i++) {
                    if (i > 10) node.append('-');
                    node.append(String.format("%02x", u[i] & 0xff));
                }
                ob.put("nodeid", StringValue.of(node.toString()));
                ob.put("macvariables", StringValue.of(((u[10] & 0x02) != 0 ? "local" : "global") + ":"
                        + ((u[10] & 0x01) != 0 ? "multicast" : "unicast")));
                if (version == 2) {
                    long id = (u[0] & 0xffL) << 24 | (u[1] & 0xffL) << 16 | (u[2] & 0xffL) << 8 | (u[3] & 0xffL);
                    ob.put("id", NumberValue.of(id));
                    int d = u[9] & 0xff;
                    ob.put("domain", StringValue.of(d == 0 ? "Person" : d == 1 ? "Group" : d == 2 ? "Org" : "Domain" + d));
                }
            }
            return ob.build();
        });
    }

    static String variant(int b) {
        if ((b & 0xc0) == 0x80) return "RFC4122";
        if ((b & 0xe0) == 0xc0) return "Microsoft";
        if ((b & 0xe0) == 0xe0) return "Future";
        return "Reserved";
    }

    static String format(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) sb.append('-');
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }

    /** The forms Google's uuid package accepts; null when invalid. */
    static byte[] parse(String s) {
        switch (s.length()) {
            case 36: break;
            case 45:
                if (!s.substring(0, 9).toLowerCase(Locale.ROOT).equals("urn:uuid:")) return null;
                s = s.substring(9);
                break;
            case 38:
                s = s.substring(1, 37);
                break;
            case 32: {
                byte[] u = new byte[16];
                for (int i = 0; i < 16; i++) {
                    int x = hex(s, 2 * i);
                    if (x < 0) return null;
                    u[i] = (byte) x;
                }
                return u;
            }
            default: return null;
        }
        if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') return null;
        int[] offs = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
        byte[] u = new byte[16];
        for (int i = 0; i < 16; i++) {
            int x = hex(s, offs[i]);
            if (x < 0) return null;
            u[i] = (byte) x;
        }
        return u;
    }

    private static int hex(String s, int i) {
        int p = Character.digit(s.charAt(i), 16), q = Character.digit(s.charAt(i + 1), 16);
        if (p < 0 || q < 0 || s.charAt(i) > 127 || s.charAt(i + 1) > 127) return -1;
        return p << 4 | q;
    }

}
