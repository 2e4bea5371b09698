package io.dolphincluster.runtime.datanode;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.client.DBConnection;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.query.Aggregate;
import io.dolphincluster.protocol.query.Filter;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checker: reads {@link EventsTable} whole and compares it with a {@link BatchLedger}. Every acknowledged batch
 * must be stored exactly once and complete; no id may be stored twice; no row may be stored that was never sent or
 * whose day or qty is not its id's; COUNT and SUM(qty) must be exactly those of the acknowledged rows plus the rows of
 * failed batches that are stored. A failed batch may be absent, partial or complete: that is counted, never wrong.
 */
final class LedgerCheck {
    /** How many lost batches a result names (with when they were acknowledged). */
    private static final int SAMPLE = 20;

    /** A lost acknowledged batch: how many of its rows are missing, and when its append was acknowledged. */
    record Lost(long batch, int missingRows, long acknowledgedAtMillis) {}

    /**
     * What one read of the table showed.
     *
     * @param source             how the table was read (through which datanode)
     * @param lostBatches        acknowledged batches with at least one row missing
     * @param lostRows           rows missing from acknowledged batches
     * @param wholeLostBatches   acknowledged batches with no row at all
     * @param failedAbsent       failed (or unfinished) batches with no row stored
     * @param failedPartial      failed batches with some but not all rows stored
     * @param failedComplete     failed batches stored whole
     * @param duplicatedIds      ids stored more than once
     * @param unexpectedRows     rows whose id was never sent
     * @param wrongRows          rows whose day or qty is not the one sent for their id
     * @param selectedRows       rows the select returned
     * @param lostRowsByDay      missing acknowledged rows per day (partition, so chunk)
     * @param lostSample         the first lost batches
     */
    record Result(String source, long acknowledgedBatches, long failedBatches, long lostBatches, long lostRows,
                  long wholeLostBatches, long failedAbsent, long failedPartial, long failedComplete, long duplicatedIds,
                  long unexpectedRows, long wrongRows, long selectedRows, long count, long sum, long expectedCount,
                  long expectedSum, Map<LocalDate, Long> lostRowsByDay, List<Lost> lostSample) {

        boolean totalsExact() {
            return count == expectedCount && sum == expectedSum;
        }

        /** No acknowledged row lost, nothing duplicated, unexpected or wrong, and exact totals. */
        boolean clean() {
            return lostBatches == 0 && duplicatedIds == 0 && unexpectedRows == 0 && wrongRows == 0 && totalsExact();
        }

        String describe() {
            StringBuilder text = new StringBuilder();
            text.append(String.format("%s: %s%n", source, clean() ? "OK" : "WRONG"));
            text.append(String.format("  acknowledged batches %d, lost %d (%d rows; %d batches wholly), duplicated ids %d,"
                    + " unexpected rows %d, wrong rows %d%n", acknowledgedBatches, lostBatches, lostRows, wholeLostBatches,
                    duplicatedIds, unexpectedRows, wrongRows));
            text.append(String.format("  failed batches %d: absent %d, partial %d, complete %d%n", failedBatches,
                    failedAbsent, failedPartial, failedComplete));
            text.append(String.format("  COUNT %d (expected %d), SUM(qty) %d (expected %d), rows selected %d%n", count,
                    expectedCount, sum, expectedSum, selectedRows));
            if (!lostRowsByDay.isEmpty()) text.append("  lost rows by day: ").append(lostRowsByDay).append('\n');
            for (Lost lost : lostSample) {
                text.append(String.format("  lost batch %d: %d rows missing, acknowledged at %s%n", lost.batch(),
                        lost.missingRows(), java.time.Instant.ofEpochMilli(lost.acknowledgedAtMillis())));
            }
            return text.toString();
        }
    }

    private LedgerCheck() {}

    /** Reads the table through a high-availability connection to {@code any} and requires a clean result. */
    static void verify(DatanodeProcess any, BatchLedger ledger) {
        try (DBConnection reader = new DBConnection()) {
            reader.connect(any.host(), any.port(), "admin", "123456", "", true);
            Result result = read("through " + any.alias(), reader, ledger);
            assertThat(result.clean()).as(result.describe()).isTrue();
        }
    }

    /** Reads the table day by day (one partition a query, so no answer gets large) and its totals, and checks them. */
    static Result read(String source, DBConnection reader, BatchLedger ledger) {
        List<List<Object>> rows = new ArrayList<>();
        for (int day = 0; day < EventsTable.DAYS; day++) {
            RowBatch batch = reader.query(Query.from(EventsTable.DATABASE, EventsTable.TABLE).select("id", "day", "qty")
                    .where("day", Filter.Op.EQ, EventsTable.FIRST_DAY.plusDays(day)));
            rows.addAll(batch.rows());
        }
        RowBatch totals = reader.query(Query.from(EventsTable.DATABASE, EventsTable.TABLE)
                .aggregate(Aggregate.Fn.COUNT, null).aggregate(Aggregate.Fn.SUM, "qty"));
        List<Object> total = totals.rows().get(0);
        return check(source, ledger, rows, number(total.get(0)), number(total.get(1)));
    }

    /** The comparison itself, on rows (id, day, qty) and totals already read. */
    static Result check(String source, BatchLedger ledger, List<List<Object>> rows, long count, long sum) {
        long sent = ledger.sent();
        int[] copies = new int[Math.toIntExact(BatchLedger.firstId(sent))];
        long unexpected = 0;
        long wrong = 0;
        for (List<Object> row : rows) {
            long id = number(row.get(0));
            if (id < 0 || id >= copies.length) {
                unexpected++;
                continue;
            }
            copies[(int) id]++;
            if (!EventsTable.dayOf(id).equals(row.get(1)) || EventsTable.qtyOf(id) != number(row.get(2))) wrong++;
        }
        long acknowledged = 0, failed = 0, lostBatches = 0, lostRows = 0, wholeLost = 0;
        long failedAbsent = 0, failedPartial = 0, failedComplete = 0, duplicated = 0;
        long expectedCount = 0, expectedSum = 0;
        Map<LocalDate, Long> lostByDay = new TreeMap<>();
        List<Lost> sample = new ArrayList<>();
        for (long batch = 0; batch < sent; batch++) {
            BatchLedger.Entry entry = ledger.entry(batch);
            boolean acked = entry != null && entry.outcome() == BatchLedger.Outcome.ACKNOWLEDGED;
            int present = 0;
            for (long id = BatchLedger.firstId(batch); id < BatchLedger.firstId(batch + 1); id++) {
                int n = copies[(int) id];
                if (n > 1) duplicated++;
                if (n > 0) present++;
                if (n > 0 || acked) {
                    expectedCount++;
                    expectedSum += EventsTable.qtyOf(id);
                }
                if (n == 0 && acked) lostByDay.merge(EventsTable.dayOf(id), 1L, Long::sum);
            }
            int missing = BatchLedger.ROWS_PER_BATCH - present;
            if (acked) {
                acknowledged++;
                if (missing > 0) {
                    lostBatches++;
                    lostRows += missing;
                    if (present == 0) wholeLost++;
                    if (sample.size() < SAMPLE) sample.add(new Lost(batch, missing, entry.endedAtMillis()));
                }
            } else {
                failed++;
                if (present == 0) failedAbsent++;
                else if (missing == 0) failedComplete++;
                else failedPartial++;
            }
        }
        return new Result(source, acknowledged, failed, lostBatches, lostRows, wholeLost, failedAbsent, failedPartial,
                failedComplete, duplicated, unexpected, wrong, rows.size(), count, sum, expectedCount, expectedSum,
                lostByDay, sample);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
