package io.dolphincluster.adminapi;

/** {@link AdminRoutes#SET_CONFIG}, {@link AdminRoutes#SET_NODE_CONFIG}: the key's new value. */
public record ConfigValue(String value) {}
