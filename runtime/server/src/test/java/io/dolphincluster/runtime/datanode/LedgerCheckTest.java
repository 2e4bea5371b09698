package io.dolphincluster.runtime.datanode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checker's verdicts on hand-made table contents: it must be able to say that a write was lost.
 */
class LedgerCheckTest {
    private final BatchLedger ledger = new BatchLedger();

    @Test
    void everyAcknowledgedBatchStoredOnceIsClean() {
        long a = acknowledgedBatch();
        long b = acknowledgedBatch();
        List<List<Object>> rows = rowsOf(a, b);

        LedgerCheck.Result result = check(rows);

        assertThat(result.clean()).as(result.describe()).isTrue();
        assertThat(result.acknowledged()).isEqualTo(2);
        assertThat(result.expected().count()).isEqualTo(100);
    }

    @Test
    void aMissingRowOfAnAcknowledgedBatchIsALoss() {
        long a = acknowledgedBatch();
        long b = acknowledgedBatch();
        List<List<Object>> rows = rowsOf(a, b);
        rows.remove(60); // batch b's 11th row

        LedgerCheck.Result result = check(rows);

        assertThat(result.clean()).isFalse();
        assertThat(result.lost()).hasSize(1);
        assertThat(result.lostRows()).isEqualTo(1);
        assertThat(result.wholeLostBatches()).isZero();
        assertThat(result.lost()).extracting(LedgerCheck.Lost::batch).containsExactly(b);
        assertThat(result.totalsExact()).isFalse();
        assertThat(result.describe()).contains("WRONG", "lost batch " + b);
    }

    @Test
    void failedBatchesMayBeAbsentPartialOrCompleteWithoutBeingWrong() {
        failedBatch(); // nothing of it stored
        long partial = failedBatch();
        long complete = failedBatch();
        long acked = acknowledgedBatch();
        List<List<Object>> rows = rowsOf(complete, acked);
        rows.addAll(rowsOf(partial).subList(0, 10));

        LedgerCheck.Result result = check(rows);

        assertThat(result.clean()).as(result.describe()).isTrue();
        assertThat(result.failed()).isEqualTo(3);
        assertThat(
                        List.of(
                                result.unackedAbsent(),
                                result.unackedPartial(),
                                result.unackedComplete()))
                .containsExactly(1L, 1L, 1L);
        assertThat(result.expected().count()).isEqualTo(110);
    }

    @Test
    void duplicatedUnexpectedAndAlteredRowsAreWrong() {
        long a = acknowledgedBatch();
        List<List<Object>> rows = rowsOf(a);
        rows.add(EventsTable.row(3)); // stored twice
        rows.add(EventsTable.row(10_000)); // never sent
        rows.set(7, List.of(7L, EventsTable.dayOf(7), EventsTable.qtyOf(7) + 1)); // qty changed

        LedgerCheck.Result result = check(rows);

        assertThat(result.clean()).isFalse();
        assertThat(result.duplicatedIds()).isEqualTo(1);
        assertThat(result.unexpectedRows()).isEqualTo(1);
        assertThat(result.wrongRows()).isEqualTo(1);
        assertThat(result.lost()).isEmpty();
    }

    @Test
    void aBatchAcknowledgedAfterTheReadBeganMayBeMissing() throws InterruptedException {
        long before = acknowledgedBatch();
        long cutoff = System.currentTimeMillis();
        Thread.sleep(5);
        acknowledgedBatch();
        long pending = ledger.nextBatch();

        LedgerCheck.Result result =
                LedgerCheck.check("while writing", ledger, rowsOf(before), null, cutoff);

        assertThat(result.clean()).as(result.describe()).isTrue();
        assertThat(List.of(result.acknowledged(), result.unfinished(), result.unackedAbsent()))
                .containsExactly(1L, 2L, 2L);
        assertThat(pending).isEqualTo(2);
    }

    private long acknowledgedBatch() {
        long batch = ledger.nextBatch();
        ledger.acknowledged(batch);
        return batch;
    }

    private long failedBatch() {
        long batch = ledger.nextBatch();
        ledger.failed(batch, new RuntimeException("no answer"));
        return batch;
    }

    private static List<List<Object>> rowsOf(long... batches) {
        List<List<Object>> rows = new ArrayList<>();
        for (long batch : batches) rows.addAll(BatchLedger.rows(batch).rows());
        return rows;
    }

    /**
     * Checks with the totals the rows themselves add up to, as a correct aggregate would answer.
     */
    private LedgerCheck.Result check(List<List<Object>> rows) {
        long sum = rows.stream().mapToLong(r -> (Long) r.get(2)).sum();
        return LedgerCheck.check(
                "test", ledger, rows, new LedgerCheck.Totals(rows.size(), sum), Long.MAX_VALUE);
    }
}
