package io.dolphincluster.runtime.metadata;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable copy of the whole cluster metadata: what a snapshot file holds and what readers see.
 * It includes the users' password hashes: never serve it whole outside the cluster. (Snapshots
 * written before the cluster secret became a provisioned file also hold a {@code clusterSecret}
 * field; it is ignored.)
 */
public record MetadataSnapshot(
        List<NodeInfo> nodes,
        List<DatabaseInfo> databases,
        List<TableInfo> tables,
        List<ChunkInfo> chunks,
        Map<String, String> config,
        List<UserInfo> users) {

    public MetadataSnapshot {
        nodes = List.copyOf(nodes);
        databases = List.copyOf(databases);
        tables = List.copyOf(tables);
        chunks = List.copyOf(chunks);
        config =
                Collections.unmodifiableMap(
                        new TreeMap<>(config)); // sorted: the same bytes on every controller
        users =
                users == null
                        ? List.of()
                        : List.copyOf(users); // null: a snapshot written before users existed
    }

    public static MetadataSnapshot empty() {
        return new MetadataSnapshot(
                List.of(), List.of(), List.of(), List.of(), Map.of(), List.of());
    }
}
