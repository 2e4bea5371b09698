package io.dolphincluster.runtime.datanode;

import io.dolphincluster.protocol.data.RowBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every batch appended to {@link EventsTable} and how its append ended. Batch {@code n} is the rows
 * with ids {@code n*50 .. n*50+49}, spread over the table's days; the numbers are handed out here,
 * so writers sharing a ledger never send the same id. An append that returned is {@code
 * ACKNOWLEDGED}, one that threw is {@code FAILED} (its rows may be absent, partly or wholly stored:
 * an append over several partitions is not atomic), one still running is {@code PENDING}.
 * Thread-safe.
 */
final class BatchLedger {
    static final int ROWS_PER_BATCH = 50;

    enum Outcome {
        PENDING,
        ACKNOWLEDGED,
        FAILED
    }

    /** How one batch's append ended, and when (wall clock, to line it up with faults and logs). */
    record Entry(long batch, Outcome outcome, long endedAtMillis, String error) {}

    private final AtomicLong next = new AtomicLong();
    private final ConcurrentSkipListMap<Long, Entry> entries = new ConcurrentSkipListMap<>();

    /** A new batch number, recorded as pending. */
    long nextBatch() {
        long batch = next.getAndIncrement();
        entries.put(batch, new Entry(batch, Outcome.PENDING, 0, null));
        return batch;
    }

    static RowBatch rows(long batch) {
        List<List<Object>> rows = new ArrayList<>(ROWS_PER_BATCH);
        for (long id = firstId(batch); id < firstId(batch + 1); id++) rows.add(EventsTable.row(id));
        return new RowBatch(EventsTable.SCHEMA, rows);
    }

    static long firstId(long batch) {
        return batch * ROWS_PER_BATCH;
    }

    static long batchOf(long id) {
        return Math.floorDiv(id, ROWS_PER_BATCH);
    }

    void acknowledged(long batch) {
        entries.put(
                batch, new Entry(batch, Outcome.ACKNOWLEDGED, System.currentTimeMillis(), null));
    }

    void failed(long batch, Throwable error) {
        entries.put(
                batch,
                new Entry(
                        batch, Outcome.FAILED, System.currentTimeMillis(), String.valueOf(error)));
    }

    /** How many batch numbers were handed out: every id sent is below {@code sent() * 50}. */
    long sent() {
        return next.get();
    }

    /** The batch's entry, or null for a number never handed out. */
    Entry entry(long batch) {
        return entries.get(batch);
    }

    NavigableMap<Long, Entry> entries() {
        return java.util.Collections.unmodifiableNavigableMap(entries);
    }

    long count(Outcome outcome) {
        return entries.values().stream().filter(e -> e.outcome() == outcome).count();
    }
}
