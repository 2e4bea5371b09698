package io.dolphincluster.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The wait for DNS to know a name, on a clock that moves only when the wait sleeps. */
class DnsWaitTest {
    private static final String NAME =
            "dolphin-controller-0.dolphin-controllers.ns.svc.cluster.local";
    private static final InetAddress POD_IP = address(10, 88, 0, 10);

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final ManualClock clock = new ManualClock();
    private final List<String> lookups = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(DnsWait.class)).addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        ((Logger) LoggerFactory.getLogger(DnsWait.class)).detachAppender(logs);
    }

    /**
     * A resolver that knows {@code NAME} from its {@code publishedAt}-th lookup on (never when 0).
     */
    private DnsWait.Resolver publishedAtLookup(int publishedAt) {
        return host -> {
            lookups.add(host);
            if (publishedAt > 0 && lookups.size() >= publishedAt) return POD_IP;
            throw new UnknownHostException(host + ": Name or service not known");
        };
    }

    private DnsWait waitFor(DnsWait.Resolver resolver) {
        return new DnsWait("controller1", resolver, clock, DnsWait.DEADLINE);
    }

    private List<String> logLines() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aNameDnsKnowsResolvesAtOnceWithoutWaitingOrLogging() throws Exception {
        assertThat(waitFor(publishedAtLookup(1)).resolve(NAME)).isEqualTo(POD_IP);

        assertThat(lookups).hasSize(1);
        assertThat(clock.sleeps).isEmpty();
        assertThat(logLines()).isEmpty();
    }

    @Test
    void aNameNotYetPublishedIsTriedEverySecondUntilItResolvesWithOneLineEachWay()
            throws Exception {
        assertThat(waitFor(publishedAtLookup(8)).resolve(NAME)).isEqualTo(POD_IP);

        assertThat(lookups).hasSize(8).containsOnly(NAME);
        assertThat(clock.sleeps).hasSize(7).containsOnly(Duration.ofSeconds(1));
        assertThat(logLines())
                .containsExactly(
                        "[controller1] waiting for DNS to resolve "
                                + NAME
                                + " (retrying every 1 s for up to 300 s)",
                        "[controller1] DNS resolved " + NAME + " to 10.88.0.10 after 7 s");
    }

    @Test
    void aNameStillUnknownAtTheDeadlineFailsWithAMessageNamingItAndTheWait() {
        UnknownHostException failure =
                catchThrowableOfType(
                        UnknownHostException.class,
                        () -> waitFor(publishedAtLookup(0)).resolve(NAME));

        assertThat(failure)
                .hasMessage(
                        NAME
                                + " did not resolve in DNS within 300 s (last answer: "
                                + NAME
                                + ": Name or service not known)");
        assertThat(clock.elapsed()).isEqualTo(DnsWait.DEADLINE);
        assertThat(lookups).hasSize(301);
        assertThat(logLines())
                .containsExactly(
                        "[controller1] waiting for DNS to resolve "
                                + NAME
                                + " (retrying every 1 s for up to 300 s)");
    }

    @Test
    void anAddressLiteralNeedsNoDns() throws Exception {
        assertThat(new DnsWait("controller1").resolve("0.0.0.0").isAnyLocalAddress()).isTrue();
        assertThat(new DnsWait("controller1").resolve("127.0.0.2"))
                .isEqualTo(address(127, 0, 0, 2));
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Time passes only when the wait sleeps. */
    private static final class ManualClock implements DnsWait.Clock {
        final List<Duration> sleeps = new ArrayList<>();
        private long nanos = 1_000_000_000L;
        private final long start = nanos;

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            nanos += duration.toNanos();
        }

        Duration elapsed() {
            return Duration.ofNanos(nanos - start);
        }
    }
}
