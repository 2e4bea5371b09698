package io.dolphincluster.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    @Test
    void theFirstLineIsDueAtOnceAndTheNextOnlyAfterTheInterval() {
        LogThrottle daily = new LogThrottle(Duration.ofDays(1));
        assertThat(daily.due()).isTrue();
        assertThat(daily.due()).isFalse();

        LogThrottle always = new LogThrottle(Duration.ZERO);
        assertThat(always.due()).isTrue();
        assertThat(always.due()).isTrue();
    }

    @Test
    void oneCallerOfManyAtOnceGetsTheLine() throws Exception {
        LogThrottle throttle = new LogThrottle(Duration.ofDays(1));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(
                        threads.submit(
                                () -> {
                                    start.await();
                                    return throttle.due();
                                }));
            }
            start.countDown();
            int due = 0;
            for (Future<Boolean> answer : answers) if (answer.get()) due++;
            assertThat(due).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }
}
