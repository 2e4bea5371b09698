package io.dolphincluster.e2e.harness;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the node-status half of a kubelet for Node objects that have no kubelet behind them, so the
 * scheduler places pods on them.
 *
 * <p>{@link #register} creates a Node with distinct {@value #HOSTNAME_LABEL} and {@value
 * #ZONE_LABEL} labels, generous capacity, a {@code Ready=True} condition and no {@code
 * node.kubernetes.io/not-ready} taint (the API server's admission adds one to every new Node; this
 * removes it), plus its Lease in {@code kube-node-lease}. Until {@link #close}, every heartbeat
 * interval it refreshes each node's Ready condition and renews its Lease, as a kubelet would.
 * {@link #markNotReady} turns a node NotReady (condition and NoSchedule taint, what the
 * node-lifecycle controller would do). Pods bound to the nodes are not run: that is the e2e suite's
 * job. Closing leaves the Node objects in place.
 */
public final class SimulatedNodes implements AutoCloseable {

    public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    /** Every Node registered here carries this label with value {@code "true"}. */
    public static final String SIMULATED_LABEL = "dolphincluster.io/simulated-node";

    public static final String NOT_READY_TAINT = "node.kubernetes.io/not-ready";
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedNodes.class);
    private static final String LEASE_NAMESPACE = "kube-node-lease";
    private static final int LEASE_DURATION_SECONDS = 40;
    private static final int HTTP_CONFLICT = 409;
    private static final int MAX_UPDATE_ATTEMPTS = 10;

    private final KubernetesClient client;

    /** Node name to whether it reports Ready. */
    private final Map<String, Boolean> nodes = new ConcurrentHashMap<>();

    private final ScheduledExecutorService heartbeats;

    /** Simulates nodes through {@code client}, heartbeating every {@link #DEFAULT_HEARTBEAT}. */
    public SimulatedNodes(KubernetesClient client) {
        this(client, DEFAULT_HEARTBEAT);
    }

    public SimulatedNodes(KubernetesClient client, Duration heartbeatInterval) {
        this.client = client;
        this.heartbeats =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "simulated-node-heartbeats");
                            thread.setDaemon(true);
                            return thread;
                        });
        heartbeats.scheduleWithFixedDelay(
                this::heartbeatQuietly,
                heartbeatInterval.toMillis(),
                heartbeatInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Creates a Ready, schedulable Node {@code name} (also its hostname label) in {@code zone}, and
     * its Lease.
     *
     * @throws KubernetesClientException if the API server refuses, e.g. a Node of that name exists
     */
    public Node register(String name, String zone) {
        String now = now();
        Node node =
                new NodeBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addToLabels(HOSTNAME_LABEL, name)
                        .addToLabels(ZONE_LABEL, zone)
                        .addToLabels("kubernetes.io/os", "linux")
                        .addToLabels("kubernetes.io/arch", "amd64")
                        .addToLabels(SIMULATED_LABEL, "true")
                        .endMetadata()
                        .withNewSpec()
                        .endSpec()
                        .withNewStatus()
                        .addToCapacity(resources())
                        .addToAllocatable(resources())
                        .withConditions(
                                readyCondition(true, now),
                                pressure("MemoryPressure", now),
                                pressure("DiskPressure", now),
                                pressure("PIDPressure", now))
                        .addNewAddress()
                        .withType("Hostname")
                        .withAddress(name)
                        .endAddress()
                        .withNewNodeInfo()
                        .withKubeletVersion("v1.20.2")
                        .withOperatingSystem("linux")
                        .withArchitecture("amd64")
                        .withContainerRuntimeVersion("dolphincluster-simulated://1")
                        .endNodeInfo()
                        .endStatus()
                        .build();
        // Nodes keep the status given on create; admission adds the not-ready taint, removed next.
        client.nodes().resource(node).create();
        nodes.put(name, true);
        updateNode(name, n -> withoutTaint(n, NOT_READY_TAINT), false);
        renewLease(name);
        LOG.info("[{}] registered as a simulated node in zone {}", name, zone);
        return client.nodes().withName(name).get();
    }

    /** Names of the nodes registered here. */
    public List<String> names() {
        return new ArrayList<>(nodes.keySet());
    }

    /**
     * Reports the node NotReady and taints it NoSchedule, as the node-lifecycle controller would.
     */
    public void markNotReady(String name) {
        requireKnown(name);
        nodes.put(name, false);
        updateNode(
                name,
                n -> {
                    Node updated = withoutTaint(n, NOT_READY_TAINT);
                    updated.getSpec()
                            .getTaints()
                            .add(
                                    new TaintBuilder()
                                            .withKey(NOT_READY_TAINT)
                                            .withEffect("NoSchedule")
                                            .withTimeAdded(now())
                                            .build());
                    return updated;
                },
                false);
        writeReadyCondition(name, false);
        LOG.info("[{}] marked NotReady", name);
    }

    /** Reports the node Ready again and removes the not-ready taint. */
    public void markReady(String name) {
        requireKnown(name);
        nodes.put(name, true);
        writeReadyCondition(name, true);
        updateNode(name, n -> withoutTaint(n, NOT_READY_TAINT), false);
        LOG.info("[{}] marked Ready", name);
    }

    /** One heartbeat round now: refreshes every node's Ready condition and Lease. */
    public void heartbeat() {
        nodes.forEach(
                (name, ready) -> {
                    writeReadyCondition(name, ready);
                    if (ready) {
                        renewLease(name);
                    }
                });
    }

    /** Stops the heartbeats; the Node objects stay. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        try {
            heartbeats.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void heartbeatQuietly() {
        try {
            heartbeat();
        } catch (RuntimeException e) {
            // The API server may be going away at the end of a test; the next round tries again.
            LOG.debug("[simulated-nodes] heartbeat failed: {}", e.toString());
        }
    }

    private void writeReadyCondition(String name, boolean ready) {
        String now = now();
        updateNode(
                name,
                node -> {
                    List<NodeCondition> conditions =
                            new ArrayList<>(node.getStatus().getConditions());
                    NodeCondition previous =
                            conditions.stream()
                                    .filter(c -> "Ready".equals(c.getType()))
                                    .findFirst()
                                    .orElse(null);
                    NodeCondition next = readyCondition(ready, now);
                    if (previous != null && previous.getStatus().equals(next.getStatus())) {
                        next.setLastTransitionTime(previous.getLastTransitionTime());
                    }
                    conditions.removeIf(c -> "Ready".equals(c.getType()));
                    conditions.add(0, next);
                    node.getStatus().setConditions(conditions);
                    return node;
                },
                true);
    }

    /**
     * Reads the Node, changes it and writes it back (the status subresource if {@code status}),
     * again on a conflict: controllers annotate new Nodes concurrently (the TTL controller, for
     * one).
     */
    private void updateNode(String name, UnaryOperator<Node> change, boolean status) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (status) {
                    client.nodes().withName(name).editStatus(change);
                } else {
                    client.nodes().withName(name).edit(change);
                }
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HTTP_CONFLICT || attempt >= MAX_UPDATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void renewLease(String name) {
        ensureLeaseNamespace();
        ZonedDateTime renewed = ZonedDateTime.now(ZoneOffset.UTC);
        Lease lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(name).get();
        if (lease == null) {
            client.leases()
                    .inNamespace(LEASE_NAMESPACE)
                    .resource(
                            new LeaseBuilder()
                                    .withNewMetadata()
                                    .withName(name)
                                    .withNamespace(LEASE_NAMESPACE)
                                    .endMetadata()
                                    .withNewSpec()
                                    .withHolderIdentity(name)
                                    .withLeaseDurationSeconds(LEASE_DURATION_SECONDS)
                                    .withRenewTime(renewed)
                                    .endSpec()
                                    .build())
                    .create();
        } else {
            client.leases()
                    .inNamespace(LEASE_NAMESPACE)
                    .withName(name)
                    .edit(
                            l -> {
                                l.getSpec().setRenewTime(renewed);
                                return l;
                            });
        }
    }

    /**
     * The API server creates kube-node-lease itself shortly after start; this covers a plane just
     * started.
     */
    private void ensureLeaseNamespace() {
        if (client.namespaces().withName(LEASE_NAMESPACE).get() != null) {
            return;
        }
        try {
            client.namespaces()
                    .resource(
                            new NamespaceBuilder()
                                    .withNewMetadata()
                                    .withName(LEASE_NAMESPACE)
                                    .endMetadata()
                                    .build())
                    .create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HTTP_CONFLICT) {
                throw e;
            }
        }
    }

    private void requireKnown(String name) {
        if (!nodes.containsKey(name)) {
            throw new IllegalArgumentException(
                    "no simulated node " + name + "; registered: " + names());
        }
    }

    private static Node withoutTaint(Node node, String key) {
        List<Taint> taints =
                node.getSpec().getTaints() == null
                        ? new ArrayList<>()
                        : new ArrayList<>(node.getSpec().getTaints());
        taints.removeIf(t -> key.equals(t.getKey()));
        node.getSpec().setTaints(taints);
        return node;
    }

    private static NodeCondition readyCondition(boolean ready, String now) {
        return new NodeConditionBuilder()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .withReason(ready ? "KubeletReady" : "KubeletNotReady")
                .withMessage(
                        ready
                                ? "simulated kubelet is posting ready status"
                                : "simulated node marked NotReady")
                .withLastHeartbeatTime(now)
                .withLastTransitionTime(now)
                .build();
    }

    private static NodeCondition pressure(String type, String now) {
        return new NodeConditionBuilder()
                .withType(type)
                .withStatus("False")
                .withReason("KubeletHas" + "No" + type)
                .withMessage("simulated node has no " + type)
                .withLastHeartbeatTime(now)
                .withLastTransitionTime(now)
                .build();
    }

    private static Map<String, Quantity> resources() {
        return Map.of(
                "cpu",
                new Quantity("8"),
                "memory",
                new Quantity("32Gi"),
                "pods",
                new Quantity("110"),
                "ephemeral-storage",
                new Quantity("100Gi"));
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
