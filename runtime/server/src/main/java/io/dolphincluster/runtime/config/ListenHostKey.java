package io.dolphincluster.runtime.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The {@code listenHost} key of {@code controller.cfg}, {@code agent.cfg} and a datanode's file:
 * the address every server socket of the process binds (HTTP and admin API, data port, Raft port),
 * while {@code localSite} stays the address it is known by. By default the host of {@code
 * localSite}, so nodes sharing ports on 127.0.0.1, .2 and .3 (a local cluster) do not collide.
 * {@code 0.0.0.0} binds every interface, as a pod needs: {@code kubectl port-forward} connects to
 * 127.0.0.1 inside the pod, not to its IP.
 */
public final class ListenHostKey {
    public static final String KEY = "listenHost";

    /** Every IPv4 interface. */
    public static final String WILDCARD = "0.0.0.0";

    private static final Pattern IPV4 =
            Pattern.compile(
                    "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[\\d.]+");
    private static final Pattern HOST_NAME =
            Pattern.compile(
                    "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    private ListenHostKey() {}

    /**
     * The host to bind: the key's value, else the host of {@code localSite} ({@code null} when that
     * is missing too).
     */
    static String read(KeyReader keys, Site localSite) {
        return keys.optional(KEY, parser(), localSite == null ? null : localSite.host());
    }

    static ValueParser<String> parser() {
        return new ValueParser<>(
                "an IP address or host name of this machine to listen on ("
                        + WILDCARD
                        + ": every interface)",
                ListenHostKey::parse);
    }

    private static String parse(String text) {
        String host =
                text.startsWith("[") && text.endsWith("]")
                        ? text.substring(1, text.length() - 1)
                        : text;
        boolean valid;
        if (host.contains(":")) valid = isIpv6Literal(host);
        else if (DIGITS_AND_DOTS.matcher(host).matches()) valid = IPV4.matcher(host).matches();
        else valid = HOST_NAME.matcher(host).matches();
        if (!valid) throw new IllegalArgumentException();
        return host;
    }

    /**
     * In brackets, the JDK only ever parses the text as an IPv6 literal: it never looks it up in
     * DNS.
     */
    private static boolean isIpv6Literal(String host) {
        try {
            InetAddress.getByName("[" + host + "]");
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
