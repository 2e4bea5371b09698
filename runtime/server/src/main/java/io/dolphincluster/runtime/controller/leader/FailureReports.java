package io.dolphincluster.runtime.controller.leader;

import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.ApiRequest;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fast failure detection: a datanode that cannot connect to another (a chunk's primary, a replica)
 * tells the leader, {@code POST /api/nodes/{alias}/unreachable?reporter=...}, and the leader checks
 * for itself. Only when the node's own port refuses a connection (its process is gone) is it marked
 * down at once, and replica recovery moves its chunks' primaries in new epochs, without waiting for
 * the heartbeat timeout. A report is never believed on its own: a node that merely pauses still
 * accepts connections, and waits for the timeout like before. The answer is 202 at once; one check
 * per node runs at a time.
 */
public final class FailureReports implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FailureReports.class);
    private static final int PROBE_TIMEOUT_MILLIS = 500;

    private final String alias;
    private final ClusterMetadata metadata;
    private final LivenessMonitor liveness;
    private final Set<String> probing = ConcurrentHashMap.newKeySet();
    private final ExecutorService probes =
            Executors.newFixedThreadPool(
                    2,
                    r -> {
                        Thread thread = new Thread(r, "failure-probe");
                        thread.setDaemon(true);
                        return thread;
                    });

    public FailureReports(String alias, ClusterMetadata metadata, LivenessMonitor liveness) {
        this.alias = alias;
        this.metadata = metadata;
        this.liveness = liveness;
    }

    public List<Route> routes(LeaderRouting routing) {
        return List.of(
                new Route(
                        AdminRoutes.REPORT_UNREACHABLE,
                        Access.MEMBER,
                        r -> routing.onLeader(r, () -> report(r))));
    }

    private CompletableFuture<ApiResponse> report(ApiRequest request) {
        String node = request.pathParam("alias");
        NodeInfo info = metadata.node(node).orElse(null);
        if (info == null)
            return CompletableFuture.completedFuture(
                    ApiResponse.status(404, Map.of("error", "no node " + node)));
        String reporter =
                request.queryParam("reporter") == null ? "?" : request.queryParam("reporter");
        if (info.state() == NodeState.UP && probing.add(node)) {
            try {
                probes.execute(() -> probe(info, reporter));
            } catch (RejectedExecutionException e) {
                probing.remove(node);
            }
        }
        return CompletableFuture.completedFuture(
                ApiResponse.status(202, Map.of("node", node, "state", info.state())));
    }

    private void probe(NodeInfo node, String reporter) {
        try {
            int colon = node.site().lastIndexOf(':');
            InetSocketAddress address =
                    new InetSocketAddress(
                            node.site().substring(0, colon),
                            Integer.parseInt(node.site().substring(colon + 1)));
            try (Socket socket = new Socket()) {
                socket.connect(address, PROBE_TIMEOUT_MILLIS);
                log.info(
                        "[{}] {} reported {} unreachable, but it accepts connections: waiting for its heartbeat timeout",
                        alias,
                        reporter,
                        node.alias());
            } catch (ConnectException e) {
                liveness.confirmedGone(
                        node.alias(),
                        "its port refuses connections (reported by " + reporter + ")");
            } catch (IOException e) {
                log.info(
                        "[{}] {} reported {} unreachable; the check was inconclusive ({}): waiting for its heartbeat timeout",
                        alias,
                        reporter,
                        node.alias(),
                        e.toString());
            }
        } finally {
            probing.remove(node.alias());
        }
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
