package io.dolphincluster.runtime.config;

import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.runtime.tls.ClusterTls;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The typed content of a controller's {@code controller.cfg}.
 *
 * <p>The seed's keys keep their seed meaning. The {@code raft*} keys are this runtime's own: the
 * Raft port of every controller is its {@code localSite} port plus {@code raftPortOffset} (the same
 * offset on every controller, so each can compute its peers' addresses from {@code cluster.nodes}).
 * {@code listenHost} is the address its HTTP and Raft ports bind ({@link ListenHostKey}). {@code
 * clusterSecretFile} names the cluster credential ({@link ClusterSecretKey}); {@code enableHTTPS}
 * and the {@code tls*File} keys its TLS ({@link TlsKeys}); the former {@code adminAuthRequired} is
 * accepted with a warning and changes nothing: every route but health, readiness, metrics and the
 * page's files always needs credentials. {@code maxHttpConnections}, {@code
 * maxHttpConnectionsPerAddress} and {@code httpHeaderTimeout} bound its HTTP port ({@link
 * HttpServerSettings}).
 */
public record ControllerConfig(
        Site localSite,
        String listenHost,
        int replicationFactor,
        int replicaReliabilityLevel,
        boolean raftMode,
        int recoveryWaitMillis,
        int heartbeatTimeoutSeconds,
        int raftPortOffset,
        int electionTimeoutMinMillis,
        int electionTimeoutMaxMillis,
        int snapshotThreshold,
        ClusterCredential credential,
        HttpServerSettings http,
        ClusterTls tls) {

    public static final int DEFAULT_RAFT_PORT_OFFSET = 1000;

    /**
     * A follower stands after 400-800 ms without hearing from the leader (heartbeats every 200 ms):
     * after a kill -9 of the leader the next write commits in 0.8-1.0 s at the median of 20 kills
     * and 1.4-2.1 s at worst, below etcd's in the same runs ({@code docs/benchmarks.md}), and a
     * 10-minute soak under load saw no spurious election. The price: a leader that stalls for more
     * than 200-400 ms loses its term.
     */
    public static final int DEFAULT_ELECTION_TIMEOUT_MIN_MILLIS = 400;

    public static final int DEFAULT_ELECTION_TIMEOUT_MAX_MILLIS = 800;
    private static final String OBSOLETE_AUTH_KEY = "adminAuthRequired";

    public static ControllerConfig read(Path path) throws ConfigException {
        KeyReader keys = new KeyReader(ConfigFile.read(path));
        Site localSite = keys.required("localSite", ValueParser.site());
        String listenHost = ListenHostKey.read(keys, localSite);
        int factor = keys.optional("dfsReplicationFactor", ValueParser.integer(1, 16), 2);
        int level = keys.optional("dfsReplicaReliabilityLevel", ValueParser.integer(0, 2), 0);
        String haMode = keys.optional("dfsHAMode", ValueParser.oneOf("Raft"), null);
        int recoveryWait =
                keys.optional(
                        "dfsRecoveryWaitTime", ValueParser.integer(0, Integer.MAX_VALUE), 60_000);
        int heartbeatTimeout =
                keys.optional("dfsChunkNodeHeartBeatTimeout", ValueParser.integer(1, 3600), 8);
        int portOffset =
                keys.optional(
                        "raftPortOffset",
                        ValueParser.integer(-65534, 65534),
                        DEFAULT_RAFT_PORT_OFFSET);
        int electionMin =
                keys.optional(
                        "raftElectionTimeoutMin",
                        ValueParser.integer(50, 60_000),
                        DEFAULT_ELECTION_TIMEOUT_MIN_MILLIS);
        int electionMax =
                keys.optional(
                        "raftElectionTimeoutMax",
                        ValueParser.integer(50, 60_000),
                        DEFAULT_ELECTION_TIMEOUT_MAX_MILLIS);
        int snapshotThreshold =
                keys.optional(
                        "raftSnapshotThreshold",
                        ValueParser.integer(10, Integer.MAX_VALUE),
                        10_000);
        if (keys.has(OBSOLETE_AUTH_KEY)) {
            LoggerFactory.getLogger(ControllerConfig.class)
                    .warn(
                            "{}: {} is no longer used and is ignored: every route but "
                                    + "health, readiness, metrics and the page's files always needs credentials",
                            path,
                            OBSOLETE_AUTH_KEY);
        }
        keys.accept(OBSOLETE_AUTH_KEY);
        ClusterCredential credential = ClusterSecretKey.read(keys).credential();
        HttpServerSettings http = HttpServerSettings.read(keys);
        ClusterTls tls = TlsKeys.read(keys);
        keys.accept(
                "mode",
                "maxMemSize",
                "maxConnections",
                "workerNum",
                "localExecutors",
                "dataSync",
                "lanCluster",
                "dfsMetaDir",
                "dfsMetaLogFilename",
                "dfsMetaCheckpointFilename");
        if (electionMin >= electionMax
                && keys.valid("raftElectionTimeoutMin", "raftElectionTimeoutMax")) {
            if (keys.has("raftElectionTimeoutMax")) {
                keys.problem(
                        "raftElectionTimeoutMax",
                        "a value larger than raftElectionTimeoutMin (" + electionMin + ")",
                        Integer.toString(electionMax));
            } else {
                keys.problem(
                        "raftElectionTimeoutMin",
                        "a value smaller than raftElectionTimeoutMax ("
                                + electionMax
                                + ", the default)",
                        Integer.toString(electionMin));
            }
        }
        if (localSite != null && keys.valid("raftPortOffset")) {
            int raftPort = localSite.port() + portOffset;
            if (raftPort < 1 || raftPort > 65535) {
                keys.problem(
                        "raftPortOffset",
                        "an offset that keeps localSite's port + offset within 1..65535",
                        Integer.toString(portOffset));
            }
        }
        keys.finish();
        return new ControllerConfig(
                localSite,
                listenHost,
                factor,
                level,
                haMode != null,
                recoveryWait,
                heartbeatTimeout,
                portOffset,
                electionMin,
                electionMax,
                snapshotThreshold,
                credential,
                http,
                tls);
    }

    public String alias() {
        return localSite.alias();
    }

    /** The Raft (gRPC) port of a controller whose admin site is {@code site}. */
    public int raftPortOf(Site site) {
        return site.port() + raftPortOffset;
    }
}
