package io.dolphincluster.runtime.metadata;

/**
 * A distributed database, {@code dfs://name}.
 *
 * @param partitionScheme how rows map to chunks: {@code VALUE}, {@code RANGE(b1,...,bn)} or {@code
 *     HASH(n)}, applied to each table's partition column (see {@code
 *     io.dolphincluster.runtime.query.PartitionScheme})
 */
public record DatabaseInfo(String name, String partitionScheme, long createdAtMillis) {}
