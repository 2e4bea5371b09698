package io.dolphincluster.runtime.metadata;

/** A typed column of a partitioned table. */
public record ColumnDef(String name, String type) {}
