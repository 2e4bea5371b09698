package io.dolphincluster.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CertManagerApiTest {
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicBoolean installed = new AtomicBoolean();
    private Instant now = Instant.parse("2026-12-05T00:00:00Z");
    private final CertManagerApi api =
            new CertManagerApi(
                    () -> {
                        asked.incrementAndGet();
                        return installed.get();
                    },
                    new Clock() {
                        @Override
                        public Instant instant() {
                            return now;
                        }

                        @Override
                        public ZoneOffset getZone() {
                            return ZoneOffset.UTC;
                        }

                        @Override
                        public Clock withZone(java.time.ZoneId zone) {
                            return this;
                        }
                    });

    @Test
    void discoveryIsAskedOncePerRefreshPeriod() {
        assertThat(api.served()).isFalse();
        installed.set(true);
        now = now.plus(CertManagerApi.REFRESH.minus(Duration.ofSeconds(1)));
        assertThat(api.served()).as("still the cached answer").isFalse();
        assertThat(asked).hasValue(1);

        now = now.plus(Duration.ofSeconds(1));

        assertThat(api.served()).as("cert-manager installed since").isTrue();
        assertThat(asked).hasValue(2);
    }

    @Test
    void aForgottenAnswerIsAskedAgainAtOnce() {
        installed.set(true);
        assertThat(api.served()).isTrue();
        installed.set(false);

        api.forget();

        assertThat(api.served()).as("cert-manager's CRDs went").isFalse();
        assertThat(asked).hasValue(2);
    }
}
