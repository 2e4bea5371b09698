package io.dolphincluster.runtime.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A whole cluster as real processes on simulated machines. Either loopback machines, machine {@code
 * k} being the address {@code 127.0.0.(k+1)} (the whole 127/8 range routes to {@code lo}), with the
 * controllers on 127.0.0.1; or the machines of a {@link SimulatedNetwork}, with a controller and a
 * datanode on each. Closing it kills every process it started.
 */
public final class DataCluster implements AutoCloseable {
    private final ControllerCluster controllers;
    private final Map<String, DatanodeProcess> datanodes = new LinkedHashMap<>();

    private DataCluster(ControllerCluster controllers) {
        this.controllers = controllers;
    }

    /**
     * {@code controllerCount} controllers (with {@code settings} in their {@code controller.cfg})
     * and {@code datanodesPerMachine[k]} datanodes on machine {@code k}. Nothing is started yet.
     */
    public static DataCluster create(
            Path root,
            int controllerCount,
            Map<String, String> settings,
            int... datanodesPerMachine)
            throws IOException {
        List<Machine> datanodeMachines = new ArrayList<>();
        for (int machine = 0; machine < datanodesPerMachine.length; machine++) {
            datanodeMachines.addAll(
                    Collections.nCopies(datanodesPerMachine[machine], Machine.loopback(machine)));
        }
        return create(
                root, ControllerCluster.create(root, controllerCount, settings), datanodeMachines);
    }

    /**
     * Controller {@code k} and datanode {@code k} on machine {@code k} of {@code machines} (those
     * of a {@link SimulatedNetwork}), the controllers with {@code settings} in their {@code
     * controller.cfg}. Nothing is started yet.
     */
    public static DataCluster create(
            Path root, List<Machine> machines, Map<String, String> settings) throws IOException {
        return create(root, ControllerCluster.create(root, machines, settings), machines);
    }

    private static DataCluster create(
            Path root, ControllerCluster controllers, List<Machine> datanodeMachines)
            throws IOException {
        DataCluster cluster = new DataCluster(controllers);
        Set<Integer> taken = new HashSet<>();
        for (ControllerProcess controller : controllers.all())
            taken.addAll(List.of(controller.port(), controller.port() + 1000));
        for (int i = 0; i < datanodeMachines.size(); i++) {
            String alias = "datanode" + (i + 1);
            Machine machine = datanodeMachines.get(i);
            int port = freeDataPort(machine, taken);
            taken.addAll(List.of(port, port + 1000));
            cluster.datanodes.put(
                    alias,
                    new DatanodeProcess(
                            alias,
                            machine,
                            port,
                            root.resolve(alias),
                            controllers.credential(),
                            controllers.tls()));
        }
        List<String> nodes =
                new ArrayList<>(
                        Files.readAllLines(root.resolve("controller1/config/cluster.nodes")));
        for (DatanodeProcess datanode : cluster.datanodes.values())
            datanode.writeFiles(nodes, cluster.controllers.secret());
        return cluster;
    }

    public ControllerCluster controllers() {
        return controllers;
    }

    public List<DatanodeProcess> datanodes() {
        return List.copyOf(datanodes.values());
    }

    public DatanodeProcess datanode(String alias) {
        DatanodeProcess datanode = datanodes.get(alias);
        if (datanode == null) throw new IllegalArgumentException("no datanode " + alias);
        return datanode;
    }

    /**
     * Starts every controller and datanode, and waits for a leader and for every datanode to be
     * ready.
     */
    public String startAll(Duration timeout) throws IOException {
        controllers.startAll();
        for (DatanodeProcess datanode : datanodes.values()) datanode.start();
        String leader = controllers.awaitLeader(timeout);
        for (DatanodeProcess datanode : datanodes.values()) awaitReady(datanode, timeout);
        return leader;
    }

    public static void awaitReady(DatanodeProcess datanode, Duration timeout) {
        org.awaitility.Awaitility.await(datanode.alias() + " ready")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> datanode.http().get("/api/ready").status() == 200);
    }

    /** Waits until every chunk has all its replicas in sync, as the controllers' metadata says. */
    public void awaitEveryReplicaInSync(Duration timeout) {
        org.awaitility.Awaitility.await("every replica in sync")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(
                        () -> {
                            ControllerProcess controller = controllers.running().get(0);
                            for (com.fasterxml.jackson.databind.JsonNode chunk :
                                    controller.admin().get("/api/chunks").body().get("chunks")) {
                                for (com.fasterxml.jackson.databind.JsonNode replica :
                                        chunk.get("replicas")) {
                                    if (!replica.get("inSync").asBoolean()) return false;
                                }
                            }
                            return true;
                        });
    }

    /**
     * How many chunks of {@code database/table} each datanode is the primary of (the first in-sync
     * replica).
     */
    public Map<String, Integer> primaries(String database, String table) {
        Map<String, Integer> led = new java.util.TreeMap<>();
        ControllerProcess controller = controllers.running().get(0);
        String path = "/api/chunks?database=" + database + "&table=" + table;
        for (com.fasterxml.jackson.databind.JsonNode chunk :
                controller.admin().get(path).body().get("chunks")) {
            for (com.fasterxml.jackson.databind.JsonNode replica : chunk.get("replicas")) {
                if (replica.get("inSync").asBoolean()) {
                    led.merge(replica.get("node").asText(), 1, Integer::sum);
                    break;
                }
            }
        }
        return led;
    }

    /**
     * A data port that, with its HTTP port (+1000), is free on {@code machine} and none of the
     * {@code taken}.
     */
    private static int freeDataPort(Machine machine, Set<Integer> taken) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(10_000, 30_000);
            if (!taken.contains(port)
                    && !taken.contains(port + 1000)
                    && machine.isFree(port)
                    && machine.isFree(port + 1000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on " + machine.host());
    }

    @Override
    public void close() {
        for (DatanodeProcess datanode : datanodes.values()) datanode.close();
        controllers.close();
    }
}
