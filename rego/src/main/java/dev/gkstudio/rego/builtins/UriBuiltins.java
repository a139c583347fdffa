package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** uri.parse and uri.is_valid, following Go's net/url parsing rules. */
final class UriBuiltins {
    private UriBuiltins() {}

    static final class UrlError extends Exception {
        UrlError(String m) { super(m, null, false, false); }
    }

    record Url(String scheme, String host, String port, String path, String rawPath, String rawQuery, String fragment) {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("uri.is_valid", (c, a) -> {
            String s = Args.str("uri.is_valid", a, 0);
            if (s.isEmpty()) return BooleanValue.FALSE;
            try {
                parse(s);
                return BooleanValue.TRUE;
            } catch (UrlError e) {
                return BooleanValue.FALSE;
            }
        });
        t.put("uri.parse", (c, a) -> {
            String s = Args.str("uri.parse", a, 0);
            Url u;
            try {
                u = parse(s);
            } catch (UrlError e) {
                throw Args.err("uri.parse", "parse " + Json.quote(s) + ": " + e.getMessage());
            }
            ObjectValue.Builder ob = ObjectValue.builder();
            put(ob, "scheme", u.scheme);
            put(ob, "hostname", u.host);
            put(ob, "port", u.port);
            put(ob, "path", u.path);
            put(ob, "raw_path", u.rawPath.isEmpty() ? u.path : u.rawPath);
            put(ob, "raw_query", u.rawQuery);
            put(ob, "fragment", u.fragment);
            return ob.build();
        });
    }

    private static void put(ObjectValue.Builder ob, String k, String v) {
        if (v != null && !v.isEmpty()) ob.put(k, StringValue.of(v));
    }

    static Url parse(String raw) throws UrlError {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) throw new UrlError("net/url: invalid control character in URL");
        }
        String rest = raw, frag = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            frag = unescape(rest.substring(hash + 1), false);
            rest = rest.substring(0, hash);
        }
        if (rest.isEmpty()) return new Url("", "", "", "", "", "", frag);
        String scheme = "";
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (Character.isLetter(c) && c < 128) continue;
            if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
                if (i == 0) break;
                continue;
            }
            if (c == ':') {
                if (i == 0) throw new UrlError("missing protocol scheme");
                scheme = rest.substring(0, i).toLowerCase();
                rest = rest.substring(i + 1);
            }
            break;
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        if (!rest.startsWith("/") && !scheme.isEmpty()) {
            return new Url(scheme, "", "", "", "", query, frag);
        }
        String host = "", port = "";
        if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
            String auth = rest.substring(2);
            int slash = auth.indexOf('/');
            rest = slash < 0 ? "" : auth.substring(slash);
            if (slash >= 0) auth = auth.substring(0, slash);
            int at = auth.lastIndexOf('@');
            if (at >= 0) {
                String user = auth.substring(0, at);
                if (!validUserinfo(user)) throw new UrlError("net/url: invalid userinfo");
                auth = auth.substring(at + 1);
            }
            String[] hp = parseHost(auth);
            host = hp[0];
            port = hp[1];
        }
        String path = unescape(rest, true);
        String rawPath = escapePath(path).equals(rest) ? "" : rest;
        return new Url(scheme, host, port, path, rawPath, query, frag);
    }

    private static boolean validUserinfo(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) continue;
            if ("-._:~!$&'()*+,;=%@".indexOf(c) >= 0) continue;
            return false;
        }
        return true;
    }

    private static String[] parseHost(String host) throws UrlError {
        String port = "";
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0) throw new UrlError("missing ']' in host");
            String colonPort = host.substring(close + 1);
            if (!validOptionalPort(colonPort)) throw new UrlError("invalid port " + Json.quote(colonPort) + " after host");
            port = colonPort.isEmpty() ? "" : colonPort.substring(1);
            return new String[] {unescapeHost(host.substring(1, close)), port};
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            String colonPort = host.substring(colon);
            if (!validOptionalPort(colonPort)) throw new UrlError("invalid port " + Json.quote(colonPort) + " after host");
            port = colonPort.substring(1);
            host = host.substring(0, colon);
        }
        return new String[] {unescapeHost(host), port};
    }

    private static boolean validOptionalPort(String p) {
        if (p.isEmpty()) return true;
        if (p.charAt(0) != ':') return false;
        for (int i = 1; i < p.length(); i++) if (p.charAt(i) < '0' || p.charAt(i) > '9') return false;
        return true;
    }

    private static String unescapeHost(String s) throws UrlError {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new UrlError("invalid URL escape " + Json.quote(s.substring(i, Math.min(s.length(), i + 3))));
                }
                int v = Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16);
                if (v < 0x80 && !s.startsWith("%25", i)) {
                    throw new UrlError("invalid URL escape " + Json.quote(s.substring(i, i + 3)));
                }
            }
        }
        return unescape(s, true);
    }

    static String unescape(String s, boolean path) throws UrlError {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%') {
                if (i + 2 >= in.length || Character.digit(in[i + 1], 16) < 0 || Character.digit(in[i + 2], 16) < 0) {
                    int end = Math.min(in.length, i + 3);
                    throw new UrlError("invalid URL escape " + Json.quote(new String(in, i, end - i, StandardCharsets.UTF_8)));
                }
                out.write(Character.digit(in[i + 1], 16) << 4 | Character.digit(in[i + 2], 16));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Go's escape(s, encodePath). */
    static String escapePath(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.~$&+,/:;=@".indexOf(c) >= 0;
            if (keep) sb.append((char) c);
            else sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
        }
        return sb.toString();
    }
}
