package io.dolphincluster.runtime.datanode;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.RowBatchCodec;
import io.dolphincluster.runtime.storage.ChunkLog;
import io.dolphincluster.runtime.storage.ChunkRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The row batches of one chunk replica, read from disk a page at a time and decoded only when
 * reached, so a query holds one page of bytes and one batch of rows, never the whole chunk. Records
 * appended after the read began are not included. A checksum failure surfaces as an {@link
 * UncheckedIOException} whose cause is the {@code CorruptChunkException}.
 */
final class ChunkBatches implements Iterable<RowBatch> {
    private static final long PAGE_BYTES = 4L << 20;

    private final ChunkLog log;
    private final long lastSeq;

    ChunkBatches(ChunkLog log) {
        this.log = log;
        this.lastSeq = log.lastSeq();
    }

    @Override
    public Iterator<RowBatch> iterator() {
        return new Iterator<>() {
            private List<ChunkRecord> page = List.of();
            private int next;
            private long readUpTo;

            @Override
            public boolean hasNext() {
                if (next < page.size()) return true;
                if (readUpTo >= lastSeq) return false;
                try {
                    page = log.readAfter(readUpTo, PAGE_BYTES);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                next = 0;
                page = page.stream().filter(r -> r.seq() <= lastSeq).toList();
                if (page.isEmpty()) {
                    readUpTo = lastSeq;
                    return false;
                }
                readUpTo = page.get(page.size() - 1).seq();
                return true;
            }

            @Override
            public RowBatch next() {
                if (!hasNext()) throw new NoSuchElementException();
                return RowBatchCodec.decode(page.get(next++).payload());
            }
        };
    }
}
