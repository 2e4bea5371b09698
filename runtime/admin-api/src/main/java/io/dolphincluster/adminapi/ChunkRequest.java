package io.dolphincluster.adminapi;

/** {@link AdminRoutes#CREATE_CHUNK}: the chunk of one partition of a table. */
public record ChunkRequest(String database, String table, String partitionKey) {}
