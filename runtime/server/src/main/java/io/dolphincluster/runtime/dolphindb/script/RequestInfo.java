package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.wire.ApiSession;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The request a script runs for: its session, and what makes its writes idempotent. A 3.x HA client
 * numbers its requests (client id, sequence number; negative when re-sent after a failover), so the
 * n-th append of request (id, |seq|) gets the write id {@code id:|seq|:n} on every attempt, on
 * whichever datanode: the cluster stores it once. Without them every append gets a fresh id.
 */
public final class RequestInfo {
    private final ApiSession session;
    private final String clientId;
    private final long seqNo;
    private final AtomicInteger writes = new AtomicInteger();

    public RequestInfo(ApiSession session, String clientId, long seqNo) {
        this.session = session;
        this.clientId = clientId;
        this.seqNo = seqNo;
    }

    public ApiSession session() {
        return session;
    }

    public String nextWriteId() {
        int n = writes.getAndIncrement();
        if (clientId == null || seqNo == 0) return UUID.randomUUID().toString();
        return clientId + ":" + Math.abs(seqNo) + ":" + n;
    }
}
