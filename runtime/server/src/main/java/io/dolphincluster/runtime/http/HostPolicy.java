package io.dolphincluster.runtime.http;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which {@code Host} headers a server answers, against DNS rebinding: a page of a hostile site
 * whose name the attacker re-points at this server would reach it with the attacker's name as its
 * {@code Host}. Accepted: no {@code Host} at all (not a browser), IP literals, the names given (the
 * node's own and the cluster's sites, {@code allowedHosts}), and names public DNS cannot serve, so
 * no attacker can re-point them: single-label names, {@code localhost} and the names under {@code
 * .localhost}, {@code .local}, {@code .internal}, {@code .svc} and {@code .cluster.local}
 * (Kubernetes). The port is not looked at.
 */
public final class HostPolicy {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?]");
    private static final Set<String> PRIVATE_SUFFIXES =
            Set.of(".localhost", ".local", ".internal", ".svc", ".cluster.local");

    private final Set<String> names;

    /**
     * @param names host names (no port) accepted besides the built-in ones; case and a trailing dot
     *     do not matter
     */
    public HostPolicy(Collection<String> names) {
        this.names =
                names.stream().map(HostPolicy::normalized).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether a request with this {@code Host} header (null: none) is answered. */
    public boolean allows(String hostHeader) {
        if (hostHeader == null) return true;
        String host = withoutPort(hostHeader.strip());
        if (host.isEmpty()) return false;
        if (IPV4.matcher(host).matches() || IPV6.matcher(host).matches()) return true;
        String name = normalized(host);
        if (names.contains(name) || name.equals("localhost") || !name.contains(".")) return true;
        return PRIVATE_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? "" : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String normalized(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
