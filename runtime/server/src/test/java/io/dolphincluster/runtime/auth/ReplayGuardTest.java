package io.dolphincluster.runtime.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dolphincluster.protocol.auth.ClusterCredential;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ReplayGuardTest {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void aNonceIsAcceptedOnceWhileItsTokenCouldStillBeValid() {
        ReplayGuard guard = new ReplayGuard("controller1");
        assertTrue(guard.firstUse("a", T0));
        assertFalse(guard.firstUse("a", T0 + 1));
        assertFalse(guard.firstUse("a", T0 + ReplayGuard.KEEP_MILLIS - 1));
        assertTrue(guard.firstUse("b", T0 + 1));
        // Kept past the last moment a token accepted at T0 verifies (its time + the skew allowed).
        assertTrue(
                ReplayGuard.KEEP_MILLIS > 2 * ClusterCredential.MAX_SKEW_MILLIS,
                "a token signed up to the skew ahead of T0 is still valid a skew after that");
    }

    @Test
    void expiredNoncesAreForgottenAndOnlyThose() {
        ReplayGuard guard = new ReplayGuard("controller1");
        guard.firstUse("old", T0);
        guard.firstUse("newer", T0 + 60_000);
        guard.firstUse("now", T0 + ReplayGuard.KEEP_MILLIS + 1);
        assertEquals(2, guard.size(), "only the first one has expired");
        assertFalse(guard.firstUse("newer", T0 + ReplayGuard.KEEP_MILLIS + 2));
    }

    @Test
    void aClockSteppingBackNeverForgetsANonceEarly() {
        ReplayGuard guard = new ReplayGuard("controller1");
        guard.firstUse("before", T0);
        guard.firstUse("after the step back", T0 - 120_000);
        long between = T0 - 120_000 + ReplayGuard.KEEP_MILLIS + 1; // only the second has expired
        assertFalse(guard.firstUse("before", between));
        assertFalse(
                guard.firstUse("after the step back", between),
                "kept until the one accepted before it goes: longer, never shorter");
        assertEquals(2, guard.size());
    }

    @Test
    void aFullGuardRefusesNewNoncesUntilSomeExpireAndSaysWhy() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ReplayGuard.class);
        logger.addAppender(logs);
        ReplayGuard guard = new ReplayGuard("controller1");
        for (int i = 0; i < ReplayGuard.MAX_NONCES; i++) {
            assertTrue(guard.firstUse("n" + i, T0 + i / 1000));
        }
        assertEquals(List.of(), messages(logs));
        try {
            assertFalse(guard.firstUse("one more", T0 + 1_000), "full: fails closed");
            assertFalse(guard.firstUse("and another", T0 + 1_001));
        } finally {
            logger.detachAppender(logs);
        }
        assertEquals(
                List.of(
                        "[controller1] refusing member tokens: 500000 were accepted in the last 601 s, the most "
                                + "this process remembers to refuse replays; new ones are refused until the oldest expire"),
                messages(logs),
                "one warning for a flood of refusals");
        assertTrue(
                guard.firstUse("one more", T0 + ReplayGuard.KEEP_MILLIS),
                "the first thousand have expired");
        assertEquals(ReplayGuard.MAX_NONCES - 1000 + 1, guard.size());
    }

    private static List<String> messages(ListAppender<ILoggingEvent> logs) {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
