package io.dolphincluster.runtime.config;

import java.util.regex.Pattern;

/**
 * A node's network identity as the seed writes it: {@code host:port:alias}, optionally followed by
 * {@code :mode} (in {@code sites=}). The alias is the node's name everywhere: log lines, the Raft
 * peer id, the admin API.
 */
public record Site(String host, int port, String alias) {
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,62}");

    public Site {
        if (host.isBlank()) throw new IllegalArgumentException("a host");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("a port from 1 to 65535");
        if (!ALIAS.matcher(alias).matches()) {
            throw new IllegalArgumentException(
                    "an alias of letters, digits, '_', '.', '-' starting with a letter");
        }
    }

    /** What {@link #parse} expects, for error messages. */
    public static final String FORMAT = "host:port:alias";

    /** Parses {@code host:port:alias}; the message of the exception says what was expected. */
    public static Site parse(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 3) throw new IllegalArgumentException(FORMAT);
        return new Site(parts[0], parsePort(parts[1]), parts[2]);
    }

    static int parsePort(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a port from 1 to 65535");
        }
    }

    /** {@code host:port}, the address HTTP clients use. */
    public String hostPort() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return host + ":" + port + ":" + alias;
    }
}
