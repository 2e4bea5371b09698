package io.dolphincluster.runtime.auth;

import io.dolphincluster.protocol.auth.ClusterCredential;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the nonces of the member tokens this process accepted for as long as a token stays
 * valid, so a token recorded on the network is refused the second time. Only tokens with a good
 * signature get here, so only members can fill it; it holds at most {@value #MAX_NONCES} and
 * refuses (fails closed) beyond that.
 */
final class ReplayGuard {
    static final int MAX_NONCES = 500_000;
    private static final long KEEP_MILLIS = 2 * ClusterCredential.MAX_SKEW_MILLIS + 1_000;

    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private volatile long nextPurgeMillis;

    /** Whether {@code nonce} is used for the first time (and now remembered). */
    boolean firstUse(String nonce, long nowMillis) {
        if (nowMillis >= nextPurgeMillis || seen.size() >= MAX_NONCES) purge(nowMillis);
        if (seen.size() >= MAX_NONCES) return false;
        return seen.putIfAbsent(nonce, nowMillis + KEEP_MILLIS) == null;
    }

    private synchronized void purge(long nowMillis) {
        for (Iterator<Long> expiries = seen.values().iterator(); expiries.hasNext(); ) {
            if (expiries.next() < nowMillis) expiries.remove();
        }
        nextPurgeMillis = nowMillis + 10_000;
    }

    int size() {
        return seen.size();
    }
}
