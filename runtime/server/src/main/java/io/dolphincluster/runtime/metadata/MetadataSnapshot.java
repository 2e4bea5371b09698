package io.dolphincluster.runtime.metadata;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An immutable copy of the whole cluster metadata: what a snapshot file holds and what readers see. */
public record MetadataSnapshot(List<NodeInfo> nodes, List<DatabaseInfo> databases, List<TableInfo> tables,
                               List<ChunkInfo> chunks, Map<String, String> config) {

    public MetadataSnapshot {
        nodes = List.copyOf(nodes);
        databases = List.copyOf(databases);
        tables = List.copyOf(tables);
        chunks = List.copyOf(chunks);
        config = Collections.unmodifiableMap(new TreeMap<>(config));  // sorted: the same bytes on every controller
    }

    public static MetadataSnapshot empty() {
        return new MetadataSnapshot(List.of(), List.of(), List.of(), List.of(), Map.of());
    }
}
