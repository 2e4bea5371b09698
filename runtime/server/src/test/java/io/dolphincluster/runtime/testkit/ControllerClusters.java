package io.dolphincluster.runtime.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that creates {@link ControllerCluster}s (and the {@link SimulatedNetwork}s they
 * may run on) for a test and, after it, kills every process they started and removes the networks.
 * The controllers' directories (files, data, logs) are deleted after a passing test and kept after
 * a failing one, with their path printed, so the logs can be read.
 *
 * <pre>{@code @RegisterExtension final ControllerClusters clusters = new ControllerClusters();}
 * </pre>
 */
public final class ControllerClusters implements AfterEachCallback {
    private final List<AutoCloseable> created = new ArrayList<>();
    private final List<SimulatedNetwork> networks = new ArrayList<>();
    private Path root;

    /** See {@link ControllerCluster#create}. */
    public ControllerCluster create(int count, Map<String, String> settings) throws IOException {
        if (root == null) root = Files.createTempDirectory("controllers");
        ControllerCluster cluster =
                ControllerCluster.create(root.resolve("cluster" + created.size()), count, settings);
        created.add(cluster);
        return cluster;
    }

    /** See {@link ControllerCluster#create(Path, List, Map)}: a controller on each machine. */
    public ControllerCluster create(List<Machine> machines, Map<String, String> settings)
            throws IOException {
        if (root == null) root = Files.createTempDirectory("controllers");
        ControllerCluster cluster =
                ControllerCluster.create(
                        root.resolve("cluster" + created.size()), machines, settings);
        created.add(cluster);
        return cluster;
    }

    /** See {@link DataCluster#create}: controllers plus datanodes on simulated machines. */
    public DataCluster createData(
            int controllers, Map<String, String> settings, int... datanodesPerMachine)
            throws IOException {
        if (root == null) root = Files.createTempDirectory("controllers");
        DataCluster cluster =
                DataCluster.create(
                        root.resolve("cluster" + created.size()),
                        controllers,
                        settings,
                        datanodesPerMachine);
        created.add(cluster);
        return cluster;
    }

    /**
     * See {@link SimulatedNetwork#create}: removed after the test, once the clusters' processes are
     * killed.
     */
    public SimulatedNetwork network(int machines) {
        SimulatedNetwork network = SimulatedNetwork.create(machines);
        networks.add(network);
        return network;
    }

    /**
     * See {@link DataCluster#create(Path, List, Map)}: a controller and a datanode on each machine.
     */
    public DataCluster createData(List<Machine> machines, Map<String, String> settings)
            throws IOException {
        if (root == null) root = Files.createTempDirectory("controllers");
        DataCluster cluster =
                DataCluster.create(root.resolve("cluster" + created.size()), machines, settings);
        created.add(cluster);
        return cluster;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            for (AutoCloseable cluster : created) cluster.close();
        } finally {
            created.clear();
            networks.forEach(SimulatedNetwork::close);
            networks.clear();
        }
        if (root == null) return;
        if (context.getExecutionException().isPresent()) {
            System.err.println(
                    context.getDisplayName()
                            + " failed: controller files and logs kept in "
                            + root);
        } else {
            Directories.deleteRecursively(root);
        }
        root = null;
    }
}
