package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.runtime.config.ControllerConfig;
import java.io.File;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * The Ratis properties of a controller, derived from {@code controller.cfg}. Every tuning choice
 * that matters for failover time or disk use is made here, in one place.
 */
final class RaftSettings {
    /**
     * Small segments let the log be purged soon after a snapshot; entries are a few hundred bytes.
     */
    static final SizeInBytes LOG_SEGMENT_SIZE = SizeInBytes.valueOf("256KB");

    /**
     * How long a controller being added may stay silent before the add fails; the operator waits a
     * minute for an add to commit.
     */
    static final long STAGING_TIMEOUT_MILLIS = 20_000;

    /**
     * How long Ratis keeps a request's reply to answer a resend of the same call. Every submit here
     * has a new call id and none is resent, so the cache never answers one; Ratis' default (a
     * minute) only kept every reply alive on every member for that long, and each young collection
     * copied them (docs/benchmarks.md, tenth pass).
     */
    static final long RETRY_CACHE_EXPIRY_MILLIS = 1_000;

    private RaftSettings() {}

    /**
     * @param listenAddress the address the Raft port binds, already resolved: Ratis is given its
     *     literal
     */
    static RaftProperties of(ControllerConfig config, InetAddress listenAddress, Path storageDir) {
        RaftProperties props = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(props, List.of(storageDir.toFile()));
        GrpcConfigKeys.Server.setHost(props, listenAddress.getHostAddress());
        GrpcConfigKeys.Server.setPort(props, config.raftPortOf(config.localSite()));

        // A follower sleeps a random timeout from this range, then stands if it heard nothing for
        // that long: a dead leader is noticed after one to two timeouts. The leader heartbeats
        // every half minimum.
        RaftServerConfigKeys.Rpc.setTimeoutMin(props, millis(config.electionTimeoutMinMillis()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(props, millis(config.electionTimeoutMaxMillis()));
        // Short timeouts rely on pre-vote (Ratis' default, set here so it stays): a member that was
        // cut off or paused cannot raise the term and depose a leader the others still hear.
        RaftServerConfigKeys.LeaderElection.setPreVote(props, true);
        RaftServerConfigKeys.Rpc.setRequestTimeout(
                props, millis(Math.max(3000, 2L * config.electionTimeoutMaxMillis())));
        // An added controller must answer the leader within this while it is caught up, or the
        // add fails. Ratis' default is three election timeouts (2.4 s here), less than a new JVM
        // busy installing a snapshot on a loaded machine may take to answer.
        RaftServerConfigKeys.setStagingTimeout(props, millis(STAGING_TIMEOUT_MILLIS));

        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(props, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(props, config.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setCreationGap(props, config.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(props, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(props, true);
        RaftServerConfigKeys.Log.setPurgeGap(props, config.snapshotThreshold());
        RaftServerConfigKeys.Log.setSegmentSizeMax(props, LOG_SEGMENT_SIZE);
        // By default the leader appends a metadata entry (the new commit index) after every commit:
        // one more log write, replication round and fsync on every member per write, twice the
        // fsyncs of the write itself (docs/benchmarks.md). It only lets a restarted member apply
        // its log before it hears from a leader; commits still need a majority's fsync, and a
        // leader serves only after applying its whole log (notifyLeaderReady).
        RaftServerConfigKeys.Log.setLogMetadataEnabled(props, false);
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(props, true);
        // Ratis' default keeps 1 ms between two sends of an appender. The leader sends the new
        // commit index right after each commit, so the next write's entry waited up to 1 ms for
        // its turn: on a disk that syncs in a fifth of a millisecond, most of a lone write's
        // latency (docs/benchmarks.md, thirteenth pass). Concurrent writes already share entries
        // (WriteBatcher), so the gap batched nothing worth the wait.
        RaftServerConfigKeys.Log.Appender.setWaitTimeMin(props, TimeDuration.ZERO);
        RaftServerConfigKeys.RetryCache.setExpiryTime(props, millis(RETRY_CACHE_EXPIRY_MILLIS));
        return props;
    }

    private static TimeDuration millis(long value) {
        return TimeDuration.valueOf(value, TimeUnit.MILLISECONDS);
    }

    static File storageDir(Path home) {
        return home.resolve("raft").toFile();
    }
}
