package io.dolphincluster.runtime.auth;

import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.runtime.LogThrottle;
import java.util.Iterator;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the nonces of the member tokens this process accepted for as long as a token stays
 * valid, so a token recorded on the network is refused the second time. Only tokens with a good
 * signature get here, so only members can fill it; it holds at most {@value #MAX_NONCES} and
 * refuses (fails closed) beyond that, with a warning at most every 10 s: the member's own log only
 * says its token was refused.
 *
 * <p>Nonces are kept in the order they were accepted, which is the order they expire in, so
 * forgetting the expired ones looks at those only: the cost per token stays constant however many
 * are remembered (every member request passes here, on the HTTP event loop).
 */
final class ReplayGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayGuard.class);
    static final int MAX_NONCES = 500_000;
    static final long KEEP_MILLIS = 2 * ClusterCredential.MAX_SKEW_MILLIS + 1_000;

    /** Nonce → when it may be forgotten; in insertion order. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    private final String alias;
    private final LogThrottle fullWarnings = LogThrottle.everyTenSeconds();

    ReplayGuard(String alias) {
        this.alias = alias;
    }

    /** Whether {@code nonce} is used for the first time (and now remembered). */
    synchronized boolean firstUse(String nonce, long nowMillis) {
        forgetExpired(nowMillis);
        if (seen.size() >= MAX_NONCES) {
            if (fullWarnings.due()) {
                LOG.warn(
                        "[{}] refusing member tokens: {} were accepted in the last {} s, the most this process "
                                + "remembers to refuse replays; new ones are refused until the oldest expire",
                        alias,
                        seen.size(),
                        KEEP_MILLIS / 1000);
            }
            return false;
        }
        return seen.putIfAbsent(nonce, nowMillis + KEEP_MILLIS) == null;
    }

    /**
     * Stops at the first nonce still to be kept. Should the clock step back, a later nonce can
     * expire before an earlier one; it is then kept a little longer, never forgotten early.
     */
    private void forgetExpired(long nowMillis) {
        for (Iterator<Long> expiries = seen.values().iterator(); expiries.hasNext(); ) {
            if (expiries.next() > nowMillis) return;
            expiries.remove();
        }
    }

    synchronized int size() {
        return seen.size();
    }
}
