package io.dolphincluster.operator.runtime;

/** A datanode as the controllers' metadata lists it. */
public record DatanodeRow(String alias, String state, boolean draining) {}
