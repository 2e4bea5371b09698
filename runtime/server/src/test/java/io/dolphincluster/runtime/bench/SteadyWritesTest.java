package io.dolphincluster.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SteadyWritesTest {

    /** Answers every put at once; fails every third; leaves one put unanswered if asked to. */
    private static final class Store implements KvTarget {
        final AtomicInteger puts = new AtomicInteger();
        final boolean leaveOneHanging;

        Store(boolean leaveOneHanging) {
            this.leaveOneHanging = leaveOneHanging;
        }

        @Override
        public CompletableFuture<Void> put(String key, byte[] value) {
            int n = puts.getAndIncrement();
            if (leaveOneHanging && n == 0) return new CompletableFuture<>();
            if (n % 3 == 2) return CompletableFuture.failedFuture(new IllegalStateException("503"));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public String name() {
            return "store";
        }

        @Override
        public void close() {}
    }

    @Test
    void sendsAtTheRateAndCountsEveryOutcome() throws Exception {
        Store store = new Store(false);

        SteadyWrites.Outcome outcome =
                new SteadyWrites(store, 50, 16, Duration.ofMillis(100)).run(Duration.ofSeconds(1));

        assertThat(outcome.sent()).isEqualTo(store.puts.get()).isBetween(40, 60);
        assertThat(outcome.failed()).isEqualTo(outcome.sent() / 3);
        assertThat(outcome.latenciesMillis()).hasSize(outcome.sent() - outcome.failed());
    }

    @Test
    void aPutNeverAnsweredCountsAsFailed() throws Exception {
        Store store = new Store(true);

        SteadyWrites.Outcome outcome =
                new SteadyWrites(store, 20, 16, Duration.ofMillis(100)).run(Duration.ofMillis(500));

        assertThat(outcome.failed()).isEqualTo(1 + outcome.sent() / 3);
    }
}
