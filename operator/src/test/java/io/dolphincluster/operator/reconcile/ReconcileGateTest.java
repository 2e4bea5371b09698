package io.dolphincluster.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReconcileGateTest {
    private final ReconcileGate gate = new ReconcileGate();

    @Test
    void closingWaitsForTheReconciliationInFlightAndAdmitsNoNewOne() throws Exception {
        assertThat(gate.enter()).isTrue();
        CompletableFuture<Boolean> closed =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return gate.closeAndAwait(Duration.ofSeconds(30));
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        // The gate closes before it waits: once no new reconciliation is admitted, it is closing.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (gate.enter()) {
            gate.exit();
            assertThat(System.nanoTime()).as("the gate closes").isLessThan(deadline);
            Thread.onSpinWait();
        }
        assertThat(closed).isNotDone();

        gate.exit();

        assertThat(closed.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.enter()).isFalse();
    }

    @Test
    void aReconciliationThatDoesNotFinishInTimeIsReported() throws Exception {
        assertThat(gate.enter()).isTrue();

        assertThat(gate.closeAndAwait(Duration.ofMillis(50))).isFalse();
    }

    @Test
    void withNothingInFlightClosingReturnsAtOnce() throws Exception {
        assertThat(gate.closeAndAwait(Duration.ZERO)).isTrue();
        assertThat(gate.enter()).isFalse();
    }
}
