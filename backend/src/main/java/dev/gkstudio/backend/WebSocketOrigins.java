package dev.gkstudio.backend;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which pages may open the Studio's websockets. Browsers send {@code Origin} with every websocket handshake and
 * do not apply the same-origin policy to websockets, so without this check any page the user visits could drive
 * their Studio. Allowed: the Studio's own origin (the {@code Origin} names the host and port the request was sent
 * to), the origins listed in {@code gkstudio.websocket.allowed-origins}, and clients that send no {@code Origin}
 * (not a browser: command-line tools, tests).
 */
final class WebSocketOrigins {

    private final List<String> allowed;

    WebSocketOrigins(Optional<List<String>> allowed) {
        this.allowed = allowed.orElse(List.of()).stream().map(WebSocketOrigins::normalise).filter(o -> o != null).toList();
    }

    /**
     * @param origin the {@code Origin} header, or null
     * @param host   the {@code Host} header (the authority the browser connected to), or null
     */
    boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String o = normalise(origin);
        if (o == null) {
            return false; // "null" (sandboxed frames, file: pages) and unparsable values
        }
        if (allowed.contains(o)) {
            return true;
        }
        return host != null && o.substring(o.indexOf("://") + 3).equals(authority(host));
    }

    /** {@code scheme://host[:port]} in lower case, without the scheme's default port; null when not such an origin. */
    static String normalise(String origin) {
        try {
            URI u = new URI(origin.strip());
            String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || scheme == null || !(scheme.equals("http") || scheme.equals("https"))
                    || (u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/"))) {
                return null;
            }
            int port = u.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** A Host header in lower case without the default ports 80 and 443 (the origin check's port rule). */
    private static String authority(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(":80") || h.endsWith(":443")) {
            h = h.substring(0, h.lastIndexOf(':'));
        }
        return h;
    }
}
