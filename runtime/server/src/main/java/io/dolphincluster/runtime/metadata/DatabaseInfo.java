package io.dolphincluster.runtime.metadata;

/**
 * A distributed database, {@code dfs://name}.
 *
 * @param partitionScheme how rows map to chunks, e.g. {@code VALUE(date)} or {@code HASH(sym,8)}
 */
public record DatabaseInfo(String name, String partitionScheme, long createdAtMillis) {}
