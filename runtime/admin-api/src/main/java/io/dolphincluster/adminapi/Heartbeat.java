package io.dolphincluster.adminapi;

/** {@link AdminRoutes#HEARTBEAT}: the node that is alive. */
public record Heartbeat(String alias) {}
