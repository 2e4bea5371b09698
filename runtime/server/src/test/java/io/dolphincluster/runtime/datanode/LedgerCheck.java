package io.dolphincluster.runtime.datanode;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.client.DBConnection;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.query.Aggregate;
import io.dolphincluster.protocol.query.Filter;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checker: reads {@link EventsTable} whole and compares it with a {@link BatchLedger}. Every
 * acknowledged batch must be stored exactly once and complete; no id may be stored twice; no row
 * may be stored that was never sent or whose day or qty is not its id's; COUNT and SUM(qty) must be
 * exactly those of the acknowledged rows plus the rows of unacknowledged batches that are stored.
 * An unacknowledged batch (its append failed, or had not returned when the read began) may be
 * absent, partial or complete: that is counted, never wrong.
 */
final class LedgerCheck {
    /** The totals the table answered to {@code COUNT(*), SUM(qty)}. */
    record Totals(long count, long sum) {}

    /**
     * A lost acknowledged batch: how many of its rows are missing, and when its append was
     * acknowledged.
     */
    record Lost(long batch, int missingRows, long acknowledgedAtMillis) {}

    /**
     * What one read of the table showed.
     *
     * @param source how the table was read (through which datanode, when)
     * @param acknowledged batches acknowledged before the read began
     * @param failed batches whose append failed
     * @param unfinished batches whose append had not returned when the read began
     * @param lost acknowledged batches with at least one row missing, in batch order
     * @param unackedAbsent failed or unfinished batches with no row stored
     * @param unackedPartial failed or unfinished batches with some but not all rows stored
     * @param unackedComplete failed or unfinished batches stored whole
     * @param duplicatedIds ids stored more than once
     * @param unexpectedRows rows whose id was never sent
     * @param wrongRows rows whose day or qty is not the one sent for their id
     * @param selectedRows rows the select returned
     * @param totals what COUNT and SUM answered, or null when they were not read (writes going on)
     * @param lostRowsByDay missing acknowledged rows per day (partition, so chunk)
     */
    record Result(
            String source,
            long acknowledged,
            long failed,
            long unfinished,
            List<Lost> lost,
            long unackedAbsent,
            long unackedPartial,
            long unackedComplete,
            long duplicatedIds,
            long unexpectedRows,
            long wrongRows,
            long selectedRows,
            Totals totals,
            Totals expected,
            Map<LocalDate, Long> lostRowsByDay) {

        long lostRows() {
            return lost.stream().mapToLong(Lost::missingRows).sum();
        }

        long wholeLostBatches() {
            return lost.stream().filter(l -> l.missingRows() == BatchLedger.ROWS_PER_BATCH).count();
        }

        boolean totalsExact() {
            return totals == null || totals.equals(expected);
        }

        /** No acknowledged row lost, nothing duplicated, unexpected or wrong, and exact totals. */
        boolean clean() {
            return lost.isEmpty()
                    && duplicatedIds == 0
                    && unexpectedRows == 0
                    && wrongRows == 0
                    && totalsExact();
        }

        String describe() {
            StringBuilder text = new StringBuilder();
            text.append(String.format("%s: %s%n", source, clean() ? "OK" : "WRONG"));
            text.append(
                    String.format(
                            "  acknowledged batches %d: lost %d (%d rows missing; %d batches wholly), duplicated ids %d,"
                                    + " unexpected rows %d, wrong rows %d%n",
                            acknowledged,
                            lost.size(),
                            lostRows(),
                            wholeLostBatches(),
                            duplicatedIds,
                            unexpectedRows,
                            wrongRows));
            text.append(
                    String.format(
                            "  unacknowledged batches %d (failed %d, unfinished %d): absent %d, partial %d, complete %d%n",
                            failed + unfinished,
                            failed,
                            unfinished,
                            unackedAbsent,
                            unackedPartial,
                            unackedComplete));
            text.append(
                    totals == null
                            ? String.format(
                                    "  rows selected %d (totals not read while writing)%n",
                                    selectedRows)
                            : String.format(
                                    "  COUNT %d (expected %d), SUM(qty) %d (expected %d), rows selected %d%n",
                                    totals.count(),
                                    expected.count(),
                                    totals.sum(),
                                    expected.sum(),
                                    selectedRows));
            if (!lostRowsByDay.isEmpty())
                text.append("  lost rows by day: ").append(lostRowsByDay).append('\n');
            lost.stream()
                    .limit(10)
                    .forEach(
                            l ->
                                    text.append(
                                            String.format(
                                                    "  lost batch %d: %d rows missing, acknowledged at %s%n",
                                                    l.batch(),
                                                    l.missingRows(),
                                                    Instant.ofEpochMilli(
                                                            l.acknowledgedAtMillis()))));
            if (lost.size() > 10)
                text.append("  ... and ").append(lost.size() - 10).append(" more lost batches\n");
            return text.toString();
        }
    }

    private LedgerCheck() {}

    /**
     * Reads the table through a high-availability connection to {@code any} and requires a clean
     * result.
     */
    static void verify(DatanodeProcess any, BatchLedger ledger) {
        try (DBConnection reader = new DBConnection()) {
            reader.connect(any.host(), any.port(), "admin", "123456", "", true);
            Result result = read("through " + any.alias(), reader, ledger);
            assertThat(result.clean()).as(result.describe()).isTrue();
        }
    }

    /** Reads the rows and the totals once no write is going on, and checks them. */
    static Result read(String source, DBConnection reader, BatchLedger ledger) {
        List<List<Object>> rows = rows(reader);
        RowBatch answer =
                reader.query(
                        Query.from(EventsTable.DATABASE, EventsTable.TABLE)
                                .aggregate(Aggregate.Fn.COUNT, null)
                                .aggregate(Aggregate.Fn.SUM, "qty"));
        Totals totals =
                new Totals(
                        number(answer.rows().get(0).get(0)), number(answer.rows().get(0).get(1)));
        return check(source, ledger, rows, totals, Long.MAX_VALUE);
    }

    /**
     * Reads the ids while writes go on: only batches acknowledged before the read began must be
     * there, and the totals are not read (they would count a moving target).
     */
    static Result readWhileWriting(String source, DBConnection reader, BatchLedger ledger) {
        long began = System.currentTimeMillis();
        List<List<Object>> rows =
                rows(reader, "id"); // a third of the bytes: this read is repeated after every fault
        return check(source, ledger, rows, null, began);
    }

    /**
     * The rows (id, day, qty), or the columns named, day by day: one partition a query, so no
     * answer gets large.
     */
    private static List<List<Object>> rows(DBConnection reader, String... columns) {
        String[] select = columns.length == 0 ? new String[] {"id", "day", "qty"} : columns;
        List<List<Object>> rows = new ArrayList<>();
        for (int day = 0; day < EventsTable.DAYS; day++) {
            rows.addAll(
                    reader.query(
                                    Query.from(EventsTable.DATABASE, EventsTable.TABLE)
                                            .select(select)
                                            .where(
                                                    "day",
                                                    Filter.Op.EQ,
                                                    EventsTable.FIRST_DAY.plusDays(day)))
                            .rows());
        }
        return rows;
    }

    /**
     * The comparison itself, on rows (id, day, qty) or (id) and totals already read ({@code null}:
     * not read). Batches acknowledged after {@code ackedBy} (epoch millis) count as unfinished.
     */
    static Result check(
            String source,
            BatchLedger ledger,
            List<List<Object>> rows,
            Totals totals,
            long ackedBy) {
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
            if (row.size() == 3
                    && (!EventsTable.dayOf(id).equals(row.get(1))
                            || EventsTable.qtyOf(id) != number(row.get(2)))) wrong++;
        }
        long acknowledged = 0,
                failed = 0,
                unfinished = 0,
                absent = 0,
                partial = 0,
                complete = 0,
                duplicated = 0;
        long expectedCount = 0, expectedSum = 0;
        List<Lost> lost = new ArrayList<>();
        Map<LocalDate, Long> lostByDay = new TreeMap<>();
        for (long batch = 0; batch < sent; batch++) {
            BatchLedger.Entry entry = ledger.entry(batch);
            BatchLedger.Outcome outcome =
                    entry == null ? BatchLedger.Outcome.PENDING : entry.outcome();
            boolean acked =
                    outcome == BatchLedger.Outcome.ACKNOWLEDGED && entry.endedAtMillis() <= ackedBy;
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
                if (missing > 0) lost.add(new Lost(batch, missing, entry.endedAtMillis()));
                continue;
            }
            if (outcome == BatchLedger.Outcome.FAILED) failed++;
            else unfinished++;
            if (present == 0) absent++;
            else if (missing == 0) complete++;
            else partial++;
        }
        return new Result(
                source,
                acknowledged,
                failed,
                unfinished,
                lost,
                absent,
                partial,
                complete,
                duplicated,
                unexpected,
                wrong,
                rows.size(),
                totals,
                new Totals(expectedCount, expectedSum),
                lostByDay);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
