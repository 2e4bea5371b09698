package io.dolphincluster.runtime.dolphindb.dfs;

import io.dolphincluster.runtime.metadata.NodeInfo;
import java.util.List;

/**
 * What the DolphinDB front end tells clients about the node it runs on and the cluster around it
 * (the answers of {@code getNodeAlias}, {@code getNodeType}, {@code isNodeInitialized}, {@code
 * getActiveMaster}, {@code getClusterPerf}). Every node that speaks DolphinDB's protocol has one;
 * only a datanode also has the data ({@link ClusterBackend}).
 */
public interface ClusterDirectory {
    /** DolphinDB's node type of a datanode. */
    int DATANODE = 0;

    /** DolphinDB's node type of a controller. */
    int CONTROLLER = 2;

    /** This node's alias. */
    String nodeAlias();

    /** This node's type as DolphinDB numbers them: {@link #DATANODE} or {@link #CONTROLLER}. */
    int nodeType();

    /**
     * Whether the node serves requests yet (a datanode: registered, metadata loaded; a controller:
     * in a group with a leader).
     */
    boolean ready();

    /**
     * The controller leader's alias, as this node knows it. Fails (anything but {@link
     * IllegalArgumentException}, so the call is retried) when no leader is known.
     */
    String activeMaster() throws Exception;

    /** The registered datanodes and agents, and what the metadata says of them. */
    List<NodeInfo> nodes();
}
