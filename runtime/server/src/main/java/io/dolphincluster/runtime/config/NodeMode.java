package io.dolphincluster.runtime.config;

import java.util.Locale;

/**
 * The role a process plays in the cluster, as written in {@code cluster.nodes} and on the command
 * line.
 */
public enum NodeMode {
    CONTROLLER,
    AGENT,
    DATANODE;

    /** Parses {@code controller}, {@code agent} or {@code datanode} (any case). */
    public static NodeMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("one of controller, agent, datanode");
        }
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
