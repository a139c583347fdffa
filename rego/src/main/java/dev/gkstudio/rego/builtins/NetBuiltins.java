package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** net.cidr_* on IPv4/IPv6 with Go's address syntax; net.lookup_ip_addr refuses to use the network. */
final class NetBuiltins {
    private NetBuiltins() {}

    /** An address or network: value, bit width (32/128) and prefix length. */
    record Net(BigInteger ip, int bits, int prefix) {
        BigInteger mask() {
            return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        }
        BigInteger first() { return ip.and(mask()); }
        BigInteger last() { return first().or(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE)); }
        boolean contains(BigInteger x, int xbits) { return xbits == bits && x.and(mask()).equals(first()); }
    }

    static void register(Map<String, BuiltinFunction> t) {
        t.put("net.cidr_contains", (c, a) -> contains("net.cidr_contains", a));
        t.put("net.cidr_overlap", (c, a) -> contains("net.cidr_overlap", a));
        t.put("net.cidr_intersects", (c, a) -> {
            String b = "net.cidr_intersects";
            Net x = cidrOrErr(b, Args.str(b, a, 0)), y = cidrOrErr(b, Args.str(b, a, 1));
            if (x.bits != y.bits) return BooleanValue.FALSE;
            return BooleanValue.of(x.contains(y.first(), y.bits) || y.contains(x.first(), x.bits));
        });
        t.put("net.cidr_is_valid", (c, a) -> BooleanValue.of(a[0] instanceof StringValue s && parseCidr(s.value()) != null));
        t.put("net.cidr_expand", (c, a) -> {
            String b = "net.cidr_expand";
            Net n = cidrOrErr(b, Args.str(b, a, 0));
            BigInteger count = n.last().subtract(n.first()).add(BigInteger.ONE);
            Limits.ensure(c, b, count.bitLength() > 40 ? -1 : 64 * count.longValueExact());
            Set<Value> out = new LinkedHashSet<>();
            int k = 0;
            for (BigInteger i = n.first(); i.compareTo(n.last()) <= 0; i = i.add(BigInteger.ONE)) {
                if ((++k & 0xfff) == 0 && c != null) c.checkCancelled();
                out.add(StringValue.of(format(i, n.bits)));
            }
            return SetValue.wrap(out);
        });
        t.put("net.cidr_merge", (c, a) -> merge(a[0]));
        t.put("net.cidr_contains_matches", (c, a) -> containsMatches(a));
        t.put("net.lookup_ip_addr", (c, a) -> {
            String name = Args.str("net.lookup_ip_addr", a, 0);
            // literal addresses and localhost resolve without a lookup; anything else would need DNS
            BigInteger[] ip = parseIp(name);
            if (ip != null) return SetValue.of(StringValue.of(format(ip[0], ip[1].intValue())));
            if (name.equalsIgnoreCase("localhost")) return SetValue.of(StringValue.of("127.0.0.1"));
            throw Args.err("net.lookup_ip_addr", "DNS lookups are disabled: Gatekeeper Studio does not use the network");
        });
    }

    private static Value contains(String b, Value[] a) {
        Net n = cidrOrErr(b, Args.str(b, a, 0));
        String s = Args.str(b, a, 1);
        BigInteger[] ip = parseIp(s);
        if (ip != null) return BooleanValue.of(n.contains(ip[0], ip[1].intValue()));
        Net m = parseCidr(s);
        if (m == null) throw Args.err(b, "not a valid textual representation of an IP address or CIDR: " + s);
        return BooleanValue.of(m.bits == n.bits && n.contains(m.first(), m.bits) && n.contains(m.last(), m.bits));
    }

    static Net cidrOrErr(String b, String s) {
        Net n = parseCidr(s);
        if (n == null) throw Args.err(b, "invalid CIDR address: " + s);
        return n;
    }

    static Net parseCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) return null;
        BigInteger[] ip = parseIp(s.substring(0, slash));
        if (ip == null) return null;
        String p = s.substring(slash + 1);
        if (!p.matches("[0-9]{1,3}") || (p.length() > 1 && p.startsWith("0"))) return null;
        int prefix = Integer.parseInt(p);
        int bits = ip[1].intValue();
        if (prefix > bits) return null;
        return new Net(ip[0], bits, prefix);
    }

    /** {value, bits} for an IPv4 or IPv6 literal (IPv4-mapped IPv6 counts as IPv4); null when invalid. */
    static BigInteger[] parseIp(String s) {
        if (s.contains(":")) {
            BigInteger v = parseV6(s);
            if (v == null) return null;
            BigInteger mapped = BigInteger.valueOf(0xffffL).shiftLeft(32);
            if (v.shiftRight(32).equals(BigInteger.valueOf(0xffffL)) && s.contains(".")) {
                return new BigInteger[] {v.subtract(mapped), BigInteger.valueOf(32)};
            }
            return new BigInteger[] {v, BigInteger.valueOf(128)};
        }
        Long v4 = parseV4(s);
        return v4 == null ? null : new BigInteger[] {BigInteger.valueOf(v4), BigInteger.valueOf(32)};
    }

    static Long parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return null;
        long v = 0;
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || (p.length() > 1 && p.charAt(0) == '0')) return null;
            int x = Integer.parseInt(p);
            if (x > 255) return null;
            v = v << 8 | x;
        }
        return v;
    }

    static BigInteger parseV6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) return null;
        List<Integer> groups = new ArrayList<>();
        int ellipsis = -1;
        String rest = s;
        if (rest.startsWith("::")) {
            ellipsis = 0;
            rest = rest.substring(2);
        }
        while (!rest.isEmpty()) {
            int colon = rest.indexOf(':');
            String g = colon < 0 ? rest : rest.substring(0, colon);
            if (g.contains(".")) {
                if (colon >= 0 || groups.size() > 6) return null;
                Long v4 = parseV4(g);
                if (v4 == null) return null;
                groups.add((int) (v4 >> 16));
                groups.add((int) (v4 & 0xffff));
                rest = "";
                break;
            }
            if (!g.matches("[0-9a-fA-F]{1,4}")) return null;
            groups.add(Integer.parseInt(g, 16));
            if (colon < 0) {
                rest = "";
                break;
            }
            rest = rest.substring(colon + 1);
            if (rest.startsWith(":")) {
                if (ellipsis >= 0) return null;
                ellipsis = groups.size();
                rest = rest.substring(1);
                if (rest.isEmpty()) break;
            } else if (rest.isEmpty()) {
                return null;
            }
        }
        if (ellipsis < 0 && groups.size() != 8) return null;
        if (ellipsis >= 0 && groups.size() > 7) return null;
        List<Integer> full = new ArrayList<>(groups);
        if (ellipsis >= 0) {
            for (int k = groups.size(); k < 8; k++) full.add(ellipsis, 0);
        }
        BigInteger v = BigInteger.ZERO;
        for (int g : full) v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        return v;
    }

    /** Go's net.IP.String(). */
    static String format(BigInteger v, int bits) {
        if (bits == 32) {
            long x = v.longValue();
            return ((x >> 24) & 0xff) + "." + ((x >> 16) & 0xff) + "." + ((x >> 8) & 0xff) + "." + (x & 0xff);
        }
        int[] g = new int[8];
        for (int k = 0; k < 8; k++) g[k] = v.shiftRight(16 * (7 - k)).intValue() & 0xffff;
        int bestStart = -1, bestLen = 0;
        for (int k = 0; k < 8; ) {
            if (g[k] != 0) { k++; continue; }
            int j = k;
            while (j < 8 && g[j] == 0) j++;
            if (j - k > bestLen && j - k >= 2) { bestStart = k; bestLen = j - k; }
            k = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[k]));
        }
        return sb.toString();
    }

    private static Value merge(Value v) {
        String b = "net.cidr_merge";
        List<Value> es = Args.elems(v);
        if (es == null) throw BuiltinException.operand(b, 1, v, "set", "array");
        List<Net> v4 = new ArrayList<>(), v6 = new ArrayList<>();
        for (Value e : es) {
            if (!(e instanceof StringValue s)) throw Args.operandErr(b, 1, "must be an array or set of strings");
            Net n;
            BigInteger[] ip = parseIp(s.value());
            if (ip != null) {
                // Go's IP.DefaultMask: classful IPv4 networks; IPv6 needs an explicit prefix
                if (ip[1].intValue() != 32) throw Args.err(b, "IPv6 invalid: needs prefix length");
                int first = ip[0].shiftRight(24).intValue();
                int prefix = first < 0x80 ? 8 : first < 0xC0 ? 16 : 24;
                n = new Net(ip[0], 32, prefix);
            } else {
                n = parseCidr(s.value());
                if (n == null) throw Args.err(b, "IP address or CIDR " + s.value() + " is invalid");
            }
            (n.bits == 32 ? v4 : v6).add(n);
        }
        Set<Value> out = new LinkedHashSet<>();
        for (List<Net> l : List.of(v4, v6)) {
            for (Net n : mergeNets(l)) out.add(StringValue.of(format(n.first(), n.bits) + "/" + n.prefix));
        }
        return SetValue.wrap(out);
    }

    /** Smallest set of networks covering exactly the union of the inputs. */
    static List<Net> mergeNets(List<Net> nets) {
        List<BigInteger[]> ranges = new ArrayList<>();
        for (Net n : nets) ranges.add(new BigInteger[] {n.first(), n.last()});
        ranges.sort((x, y) -> x[0].compareTo(y[0]));
        List<BigInteger[]> merged = new ArrayList<>();
        for (BigInteger[] r : ranges) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1)[1].add(BigInteger.ONE).compareTo(r[0]) >= 0) {
                BigInteger[] lastR = merged.get(merged.size() - 1);
                if (r[1].compareTo(lastR[1]) > 0) lastR[1] = r[1];
            } else {
                merged.add(new BigInteger[] {r[0], r[1]});
            }
        }
        List<Net> out = new ArrayList<>();
        if (nets.isEmpty()) return out;
        int bits = nets.get(0).bits;
        for (BigInteger[] r : merged) {
            BigInteger start = r[0];
            while (start.compareTo(r[1]) <= 0) {
                int size = start.signum() == 0 ? bits : start.getLowestSetBit();
                while (size > 0 && start.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(r[1]) > 0) size--;
                out.add(new Net(start, bits, bits - size));
                start = start.add(BigInteger.ONE.shiftLeft(size));
            }
        }
        return out;
    }

    private static Value containsMatches(Value[] a) {
        String b = "net.cidr_contains_matches";
        List<Value[]> xs = matchOperand(b, 1, a[0]), ys = matchOperand(b, 2, a[1]);
        Set<Value> out = new LinkedHashSet<>();
        for (Value[] x : xs) {
            String cs = ((StringValue) x[0]).value();
            Net n = cidrOrErr(b, cs);
            for (Value[] y : ys) {
                String s = ((StringValue) y[0]).value();
                BigInteger[] ip = parseIp(s);
                boolean ok;
                if (ip != null) ok = n.contains(ip[0], ip[1].intValue());
                else {
                    Net m = parseCidr(s);
                    if (m == null) throw Args.err(b, "not a valid textual representation of an IP address or CIDR: " + s);
                    ok = m.bits == n.bits && n.contains(m.first(), m.bits) && n.contains(m.last(), m.bits);
                }
                if (ok) out.add(ArrayValue.of(x[1], y[1]));
            }
        }
        return SetValue.wrap(out);
    }

    private static List<Value[]> matchOperand(String b, int pos, Value v) {
        List<Value[]> out = new ArrayList<>();
        if (v instanceof StringValue) {
            out.add(new Value[] {v, v});
        } else if (v instanceof ArrayValue arr) {
            for (int i = 0; i < arr.size(); i++) out.add(new Value[] {matchTerm(b, pos, arr.get(i)), NumberValue.of(i)});
        } else if (v instanceof SetValue s) {
            for (Value e : s.sorted()) out.add(new Value[] {matchTerm(b, pos, e), e});
        } else if (v instanceof ObjectValue o) {
            for (Value k : o.keys()) out.add(new Value[] {matchTerm(b, pos, o.get(k)), k});
        } else {
            throw BuiltinException.operand(b, pos, v, "string", "array", "set", "object");
        }
        return out;
    }

    private static Value matchTerm(String b, int pos, Value v) {
        if (v instanceof StringValue) return v;
        if (v instanceof ArrayValue arr) {
            if (arr.size() == 0) throw Args.err(b, "operand " + pos + ": element must be string or non-empty array");
            if (!(arr.get(0) instanceof StringValue)) throw Args.err(b, "operand " + pos + ": embedded array must have string first element");
            return arr.get(0);
        }
        throw Args.err(b, "operand " + pos + ": element must be string or non-empty array");
    }
}
