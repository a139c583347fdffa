package dev.gkstudio.backend;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which {@code Host} names the Studio answers to. A Studio bound to the loopback interface trusts that only this
 * machine reaches it, but DNS rebinding breaks that: a page on {@code evil.example} re-points its name to
 * 127.0.0.1, and the browser then sends it same-origin requests and websockets with {@code Host: evil.example}
 * (which the {@code Origin} check alone accepts, the origin matching the host). So a loopback Studio answers only
 * to loopback names ({@code localhost}, {@code *.localhost}, {@code 127.*}, {@code [::1]}) and to the names in
 * {@code gkstudio.http.allowed-hosts} ({@code *}: any). A Studio bound to another interface (the container image)
 * is reached by whatever name its deployment gives it, so there the list applies only when configured.
 */
final class HostAllowList {

    /** Checked on every request, so compiled once. */
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final boolean any;
    private final Set<String> hosts;

    /**
     * @param bindHost   {@code quarkus.http.host}
     * @param configured {@code gkstudio.http.allowed-hosts}
     */
    HostAllowList(String bindHost, Optional<List<String>> configured) {
        this.hosts = configured.orElse(List.of()).stream().map(h -> hostName(h.strip())).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.any = hosts.contains("*") || configured.isEmpty() && !isLoopback(hostName(bindHost));
    }

    /** @param host the {@code Host} header, or null (HTTP/1.0 clients, which are not browsers) */
    boolean allows(String host) {
        if (any || host == null) {
            return true;
        }
        String name = hostName(host.strip());
        return isLoopback(name) || hosts.contains(name);
    }

    /** The host name of a {@code Host} header (no port), in lower case; IPv6 literals keep their brackets. */
    static String hostName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && colon == h.lastIndexOf(':')) {
            return h.substring(0, colon);
        }
        return colon >= 0 ? "[" + h + "]" : h; // a bare IPv6 address (bind hosts are written so)
    }

    static boolean isLoopback(String name) {
        return name.equals("localhost") || name.endsWith(".localhost") || name.equals("[::1]")
                || LOOPBACK_V4.matcher(name).matches();
    }
}
