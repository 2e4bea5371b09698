package io.dolphincluster.runtime.config;

/**
 * One member of the cluster: its site and the mode it runs in (a row of {@code cluster.nodes}, an
 * item of {@code sites=}).
 */
public record NodeEntry(Site site, NodeMode mode) {
    public static final String FORMAT = "host:port:alias:mode";

    /** Parses {@code host:port:alias:mode}, the form of the seed's {@code sites=} list. */
    public static NodeEntry parse(String text) {
        String trimmed = text.trim();
        int lastColon = trimmed.lastIndexOf(':');
        if (lastColon < 0) throw new IllegalArgumentException(FORMAT);
        Site site;
        try {
            site = Site.parse(trimmed.substring(0, lastColon));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    Site.FORMAT.equals(e.getMessage())
                            ? FORMAT
                            : FORMAT + " (" + e.getMessage() + ")");
        }
        return new NodeEntry(site, NodeMode.parse(trimmed.substring(lastColon + 1)));
    }

    public String alias() {
        return site.alias();
    }
}
