package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.storage.ChunkRecord;
import java.util.List;

/**
 * Chunk records between the chunk store's type (which checks its own values) and the wire's: the
 * one place both directions are converted, for appends and fetches alike. Payload arrays are
 * shared, not copied.
 */
final class WireRecords {
    private WireRecords() {}

    static List<io.dolphincluster.protocol.wire.ChunkRecord> toWire(List<ChunkRecord> records) {
        return records.stream()
                .map(
                        r ->
                                new io.dolphincluster.protocol.wire.ChunkRecord(
                                        r.seq(), r.writeId(), r.payload()))
                .toList();
    }

    static List<ChunkRecord> fromWire(List<io.dolphincluster.protocol.wire.ChunkRecord> records) {
        return records.stream()
                .map(r -> new ChunkRecord(r.seq(), r.writeId(), r.payload()))
                .toList();
    }
}
