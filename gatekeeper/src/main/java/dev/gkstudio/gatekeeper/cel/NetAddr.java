package dev.gkstudio.gatekeeper.cel;

import java.util.Arrays;

/**
 * An IP address as Go's {@code net/netip.Addr} models it (what Kubernetes' CEL {@code net.IP} wraps): an IPv4 or
 * IPv6 address, the latter possibly with a zone. Parsing, printing and the address predicates follow netip,
 * error texts included.
 */
final class NetAddr {
    /** 16 bytes; an IPv4 address is kept in its IPv4-mapped form. */
    private final byte[] bytes;
    private final boolean is4;
    private final String zone;

    private NetAddr(byte[] bytes, boolean is4, String zone) {
        this.bytes = bytes;
        this.is4 = is4;
        this.zone = zone;
    }

    /** Thrown with Go's error text. */
    static final class ParseError extends Exception {
        ParseError(String message) {
            super(message, null, false, false);
        }
    }

    private static ParseError err(String in, String msg, String at) {
        return new ParseError("ParseAddr(" + GoQuote.quote(in) + "): " + msg + (at == null || at.isEmpty() ? "" : " (at " + GoQuote.quote(at) + ")"));
    }

    static NetAddr v4(int a, int b, int c, int d) {
        byte[] x = new byte[16];
        x[10] = (byte) 0xff;
        x[11] = (byte) 0xff;
        x[12] = (byte) a;
        x[13] = (byte) b;
        x[14] = (byte) c;
        x[15] = (byte) d;
        return new NetAddr(x, true, "");
    }

    /** netip.ParseAddr. */
    static NetAddr parse(String s) throws ParseError {
        for (int i = 0; i < s.length(); i++) {
            switch (s.charAt(i)) {
                case '.':
                    return parse4(s, 0, s.length());
                case ':':
                    return parse6(s);
                case '%':
                    throw err(s, "missing IPv6 address", null);
                default:
            }
        }
        throw err(s, "unable to parse IP", null);
    }

    private static NetAddr parse4(String in, int off, int end) throws ParseError {
        int[] f = new int[4];
        fields4(in, off, end, f);
        return v4(f[0], f[1], f[2], f[3]);
    }

    private static void fields4(String in, int off, int end, int[] fields) throws ParseError {
        String s = in.substring(off, end);
        int val = 0;
        int pos = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && val == 0) throw err(in, "IPv4 field has octet with leading zero", null);
                val = val * 10 + (c - '0');
                digits++;
                if (val > 255) throw err(in, "IPv4 field has value >255", null);
            } else if (c == '.') {
                if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == '.') {
                    throw err(in, "IPv4 field must have at least one digit", s.substring(i));
                }
                if (pos == 3) throw err(in, "IPv4 address too long", null);
                fields[pos++] = val;
                val = 0;
                digits = 0;
            } else {
                throw err(in, "unexpected character", s.substring(i));
            }
        }
        if (pos < 3) throw err(in, "IPv4 address too short", null);
        fields[3] = val;
    }

    private static NetAddr parse6(String in) throws ParseError {
        String s = in;
        String zone = "";
        int pct = s.indexOf('%');
        if (pct >= 0) {
            zone = s.substring(pct + 1);
            s = s.substring(0, pct);
            if (zone.isEmpty()) throw err(in, "zone must be a non-empty string", null);
        }
        byte[] ip = new byte[16];
        int ellipsis = -1;
        if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            ellipsis = 0;
            s = s.substring(2);
            if (s.isEmpty()) return new NetAddr(ip, false, zone);
        }
        int i = 0;
        while (i < 16) {
            int off = 0;
            int acc = 0;
            for (; off < s.length(); off++) {
                char c = s.charAt(off);
                int d;
                if (c >= '0' && c <= '9') d = c - '0';
                else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
                else break;
                acc = (acc << 4) + d;
                if (off > 3) throw err(in, "each group must have 4 or less digits", s);
                if (acc > 0xffff) throw err(in, "IPv6 field has value >=2^16", s);
            }
            if (off == 0) throw err(in, "each colon-separated field must have at least one digit", s);
            if (off < s.length() && s.charAt(off) == '.') {
                if (ellipsis < 0 && i != 12) {
                    throw err(in, "embedded IPv4 address must replace the final 2 fields of the address", s);
                }
                if (i + 4 > 16) throw err(in, "too many hex fields to fit an embedded IPv4 at the end of the address", s);
                int end = in.length() - (zone.isEmpty() ? 0 : zone.length() + 1);
                int[] f = new int[4];
                fields4(in, end - s.length(), end, f);
                for (int k = 0; k < 4; k++) ip[i + k] = (byte) f[k];
                s = "";
                i += 4;
                break;
            }
            ip[i] = (byte) (acc >> 8);
            ip[i + 1] = (byte) acc;
            i += 2;
            s = s.substring(off);
            if (s.isEmpty()) break;
            if (s.charAt(0) != ':') throw err(in, "unexpected character, want colon", s);
            if (s.length() == 1) throw err(in, "colon must be followed by more characters", s);
            s = s.substring(1);
            if (s.charAt(0) == ':') {
                if (ellipsis >= 0) throw err(in, "multiple :: in address", s);
                ellipsis = i;
                s = s.substring(1);
                if (s.isEmpty()) break;
            }
        }
        if (!s.isEmpty()) throw err(in, "trailing garbage after address", s);
        if (i < 16) {
            if (ellipsis < 0) throw err(in, "address string too short", null);
            int n = 16 - i;
            for (int j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
            for (int j = ellipsis; j < ellipsis + n; j++) ip[j] = 0;
        } else if (ellipsis >= 0) {
            throw err(in, "the :: must expand to at least one field of zeros", null);
        }
        return new NetAddr(ip, false, zone);
    }

    boolean is4() {
        return is4;
    }

    boolean is6() {
        return !is4;
    }

    String zone() {
        return zone;
    }

    int bitLen() {
        return is4 ? 32 : 128;
    }

    private int b(int i) {
        return bytes[i] & 0xff;
    }

    private int word(int i) {
        return (b(2 * i) << 8) | b(2 * i + 1);
    }

    /** An IPv6 address in ::ffff:0:0/96. */
    boolean is4In6() {
        if (is4) return false;
        for (int i = 0; i < 10; i++) if (bytes[i] != 0) return false;
        return b(10) == 0xff && b(11) == 0xff;
    }

    private NetAddr unmap() {
        return is4In6() ? new NetAddr(bytes, true, "") : this;
    }

    boolean isUnspecified() {
        if (!zone.isEmpty()) return false;
        if (is4) return b(12) == 0 && b(13) == 0 && b(14) == 0 && b(15) == 0;
        for (byte x : bytes) if (x != 0) return false;
        return true;
    }

    boolean isLoopback() {
        NetAddr a = unmap();
        if (a.is4) return a.b(12) == 127;
        for (int i = 0; i < 15; i++) if (a.bytes[i] != 0) return false;
        return a.b(15) == 1;
    }

    boolean isMulticast() {
        NetAddr a = unmap();
        if (a.is4) return (a.b(12) & 0xf0) == 0xe0;
        return a.b(0) == 0xff;
    }

    boolean isLinkLocalMulticast() {
        NetAddr a = unmap();
        if (a.is4) return a.b(12) == 224 && a.b(13) == 0 && a.b(14) == 0;
        return (a.word(0) & 0xff0f) == 0xff02;
    }

    boolean isLinkLocalUnicast() {
        NetAddr a = unmap();
        if (a.is4) return a.b(12) == 169 && a.b(13) == 254;
        return (a.word(0) & 0xffc0) == 0xfe80;
    }

    boolean isGlobalUnicast() {
        NetAddr a = unmap();
        if (a.is4 && (a.isUnspecified() || (a.b(12) == 255 && a.b(13) == 255 && a.b(14) == 255 && a.b(15) == 255))) {
            return false;
        }
        boolean v6Unspecified = !a.is4 && a.isUnspecified();
        return !v6Unspecified && !a.isLoopback() && !a.isMulticast() && !a.isLinkLocalUnicast();
    }

    /** The address with all but the first {@code bits} bits cleared (bits within 0..bitLen()). */
    NetAddr masked(int bits) {
        byte[] x = bytes.clone();
        int keep = is4 ? bits + 96 : bits;
        for (int i = 0; i < 128; i++) {
            if (i >= keep) x[i / 8] &= (byte) ~(0x80 >>> (i % 8));
        }
        return new NetAddr(x, is4, "");
    }

    NetAddr withoutZone() {
        return zone.isEmpty() ? this : new NetAddr(bytes, is4, "");
    }

    /** Whether the first {@code bits} bits of both addresses (same family) agree. */
    boolean samePrefix(NetAddr o, int bits) {
        if (is4 != o.is4) return false;
        return masked(bits).equals(o.masked(bits));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetAddr a && a.is4 == is4 && a.zone.equals(zone) && Arrays.equals(a.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + (is4 ? 1 : 0) + zone.hashCode();
    }

    /** netip.Addr.String: dotted quad, RFC 5952 IPv6, ::ffff:a.b.c.d for IPv4-mapped, %zone. */
    @Override
    public String toString() {
        if (is4) return b(12) + "." + b(13) + "." + b(14) + "." + b(15);
        String z = zone.isEmpty() ? "" : "%" + zone;
        if (is4In6()) return "::ffff:" + b(12) + "." + b(13) + "." + b(14) + "." + b(15) + z;
        int zeroStart = -1;
        int zeroLen = 0;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && word(j) == 0) j++;
            if (j - i >= 2 && j - i > zeroLen) {
                zeroStart = i;
                zeroLen = j - i;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == zeroStart) {
                sb.append("::");
                i = zeroStart + zeroLen;
                if (i >= 8) break;
            } else if (i > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(word(i)));
        }
        return sb.append(z).toString();
    }

    /** A network prefix as netip.Prefix (the address is kept unmasked, zone-free). */
    record Prefix(NetAddr addr, int bits) {
        /** netip.ParsePrefix. */
        static Prefix parse(String s) throws ParseError {
            String head = "netip.ParsePrefix(" + GoQuote.quote(s) + "): ";
            int slash = s.lastIndexOf('/');
            if (slash < 0) throw new ParseError(head + "no '/'");
            NetAddr ip;
            try {
                ip = NetAddr.parse(s.substring(0, slash));
            } catch (ParseError e) {
                throw new ParseError(head + e.getMessage());
            }
            if (ip.is6() && !ip.zone.isEmpty()) throw new ParseError(head + "IPv6 zones cannot be present in a prefix");
            String bitsStr = s.substring(slash + 1);
            String bad = head + "bad bits after slash: " + GoQuote.quote(bitsStr);
            if (bitsStr.length() > 1 && (bitsStr.charAt(0) < '1' || bitsStr.charAt(0) > '9')) throw new ParseError(bad);
            long bits;
            if (!bitsStr.matches("[+-]?[0-9]+")) throw new ParseError(bad);
            try {
                bits = Long.parseLong(bitsStr);
            } catch (NumberFormatException e) {
                throw new ParseError(bad);
            }
            if (bits < 0 || bits > ip.bitLen()) throw new ParseError(head + "prefix length out of range");
            return new Prefix(ip, (int) bits);
        }

        Prefix masked() {
            return new Prefix(addr.masked(bits), bits);
        }

        boolean contains(NetAddr ip) {
            if (!ip.zone.isEmpty() || ip.is4 != addr.is4) return false;
            return addr.samePrefix(ip, bits);
        }

        /** Kubernetes' containsCIDR: the other prefix lies within this one. */
        boolean containsPrefix(Prefix o) {
            return o.addr.is4 == addr.is4 && bits <= o.bits && addr.samePrefix(o.addr, bits);
        }

        @Override
        public String toString() {
            return addr + "/" + bits;
        }
    }
}
