package io.dolphincluster.runtime.dolphindb.builtins;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Nothing;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterCalls;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterDirectory;
import io.dolphincluster.runtime.dolphindb.script.Callable;
import io.dolphincluster.runtime.dolphindb.script.FunctionRegistry;
import io.dolphincluster.runtime.dolphindb.script.ScriptException;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import java.util.ArrayList;
import java.util.List;

/**
 * What clients ask a node about the cluster: {@code version}, {@code isNodeInitialized}, {@code
 * isClientAuth}, {@code getNodeType}, the aliases ({@code getNodeAlias}, {@code getControllerAlias}
 * and {@code getActiveMaster}: the controller leader), {@code getClusterPerf} (the datanodes,
 * columns typed as the HA client casts them), {@code getClusterLiveDataNodes} ({@code host:port}),
 * {@code rpc} (run here: every node answers these), and the console-job functions a client calls
 * after a timeout (there are no background jobs to cancel).
 */
final class NodeFunctions {
    /**
     * Major version 3: 3.x clients send their id and request numbers, which make re-sent writes
     * count once.
     */
    static final String VERSION = "3.00.3 2025.07.30 DolphinCluster";

    static final int MAX_CONNECTIONS = 1024;

    private NodeFunctions() {}

    static void register(FunctionRegistry registry, ClusterDirectory directory) {
        registry.add("version", 0, 0, (in, args) -> Vec.ofString(VERSION));
        registry.add("isNodeInitialized", 0, 0, (in, args) -> Vec.bool(directory.ready()));
        registry.add("isClientAuth", 0, 0, (in, args) -> Vec.bool(true));
        registry.add("getNodeAlias", 0, 0, (in, args) -> Vec.ofString(directory.nodeAlias()));
        registry.add("getNodeType", 0, 0, (in, args) -> Vec.ofInt(directory.nodeType()));
        registry.add(
                "getActiveMaster",
                0,
                0,
                (in, args) -> Vec.ofString(ClusterCalls.call(directory::activeMaster)));
        registry.add(
                "getControllerAlias",
                0,
                0,
                (in, args) -> Vec.ofString(ClusterCalls.call(directory::activeMaster)));
        registry.add("getClusterPerf", 0, 1, (in, args) -> clusterPerf(directory));
        registry.add("getClusterLiveDataNodes", 0, 1, (in, args) -> liveDatanodes(directory));
        registry.add(
                "rpc",
                2,
                64,
                (in, args) -> {
                    if (!(args.get(1) instanceof Callable function))
                        throw new ScriptException(
                                "[rpc] needs a function, got " + args.get(1).describe());
                    return in.invoke(function, new ArrayList<>(args.subList(2, args.size())));
                });
        registry.add(
                "getConsoleJobs",
                0,
                0,
                (in, args) ->
                        new Table(
                                List.of("node", "userID", "rootJobId", "jobId", "sessionId"),
                                List.of(
                                        Vec.ofStrings(DType.STRING),
                                        Vec.ofStrings(DType.STRING),
                                        Vec.ofStrings(DType.STRING),
                                        Vec.ofStrings(DType.STRING),
                                        Vec.ofLongs(DType.LONG))));
        registry.add("cancelConsoleJob", 1, 1, (in, args) -> Nothing.INSTANCE);
    }

    private static List<NodeInfo> datanodes(ClusterDirectory directory) {
        return directory.nodes().stream().filter(n -> "datanode".equals(n.mode())).toList();
    }

    /**
     * One row per datanode. Loads are not measured: a live node reports none (so the HA client's
     * load balancing picks among the live ones at random), a node that is not up reports full load
     * (so it is never picked).
     */
    private static Entity clusterPerf(ClusterDirectory directory) {
        List<NodeInfo> nodes = datanodes(directory);
        int n = nodes.size();
        String[] names = new String[n];
        String[] hosts = new String[n];
        String[] sites = new String[n];
        long[] ports = new long[n];
        long[] modes = new long[n];
        long[] states = new long[n];
        long[] connections = new long[n];
        long[] maxConnections = new long[n];
        long[] memoryUsed = new long[n];
        double[] maxMemSize = new double[n];
        double[] avgLoad = new double[n];
        double maxMemoryGb = Runtime.getRuntime().maxMemory() / (double) (1L << 30);
        for (int i = 0; i < n; i++) {
            NodeInfo node = nodes.get(i);
            boolean up = node.state() == NodeState.UP;
            int colon = node.site().lastIndexOf(':');
            names[i] = node.alias();
            hosts[i] = node.site().substring(0, colon);
            ports[i] = Integer.parseInt(node.site().substring(colon + 1));
            sites[i] = node.site() + ":" + node.alias();
            states[i] = up ? 1 : 0;
            maxConnections[i] = MAX_CONNECTIONS;
            connections[i] = up ? 0 : MAX_CONNECTIONS;
            maxMemSize[i] = maxMemoryGb;
            avgLoad[i] = up ? 0 : 1;
        }
        return new Table(
                List.of(
                        "name",
                        "state",
                        "host",
                        "port",
                        "site",
                        "mode",
                        "maxConnections",
                        "connectionNum",
                        "memoryUsed",
                        "maxMemSize",
                        "avgLoad"),
                List.of(
                        Vec.ofStrings(DType.STRING, names),
                        Vec.ofLongs(DType.INT, states),
                        Vec.ofStrings(DType.STRING, hosts),
                        Vec.ofLongs(DType.INT, ports),
                        Vec.ofStrings(DType.STRING, sites),
                        Vec.ofLongs(DType.INT, modes),
                        Vec.ofLongs(DType.INT, maxConnections),
                        Vec.ofLongs(DType.INT, connections),
                        Vec.ofLongs(DType.LONG, memoryUsed),
                        Vec.ofDoubles(DType.DOUBLE, maxMemSize),
                        Vec.ofDoubles(DType.DOUBLE, avgLoad)));
    }

    private static Entity liveDatanodes(ClusterDirectory directory) {
        List<String> sites =
                datanodes(directory).stream()
                        .filter(n -> n.state() == NodeState.UP)
                        .map(NodeInfo::site)
                        .toList();
        return Vec.ofStrings(DType.STRING, sites.toArray(String[]::new));
    }
}
