package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.change.LiveCluster;
import io.dolphincluster.operator.change.PodFacts;
import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.desired.StatefulSetDesired;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.runtime.ClusterAccess;
import io.dolphincluster.operator.runtime.ControllerAdminClient;
import io.dolphincluster.operator.runtime.DatanodeAdminClient;
import io.dolphincluster.operator.runtime.DatanodeRow;
import io.dolphincluster.operator.runtime.JoinState;
import io.dolphincluster.operator.runtime.RaftGroupObserver;
import io.dolphincluster.operator.runtime.RaftGroupView;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.net.URI;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The live cluster of one reconcile: StatefulSets from the informer caches, pods and volume claims
 * listed from the API server, the Raft group and the datanodes from the controllers (asked as a
 * member of the cluster, with its credential; without one, the controllers are not asked). Each is
 * fetched when first asked and kept for the rest of the pass.
 */
final class ObservedCluster implements LiveCluster {
    static final String REVISION_LABEL = "controller-revision-hash";

    private final DolphinCluster cluster;
    private final Names names;
    private final Context<DolphinCluster> context;
    private final KubernetesClient client;
    private final RaftGroupObserver raft;
    private final ControllerAdminClient controllers;
    private final DatanodeAdminClient datanodeAdmin;
    private final Optional<ClusterAccess> access;

    private final Map<Role, List<Pod>> podObjects = new EnumMap<>(Role.class);
    private final Map<Role, List<PodFacts>> pods = new EnumMap<>(Role.class);
    private final Map<Role, Map<Integer, Boolean>> claims = new EnumMap<>(Role.class);
    private final Map<String, OptionalInt> replicasHeld = new HashMap<>();
    private Optional<RaftGroupView> group;
    private Optional<Map<String, DatanodeRow>> datanodes;
    private Optional<Boolean> everyChunkHealthy;

    ObservedCluster(
            DolphinCluster cluster,
            Context<DolphinCluster> context,
            KubernetesClient client,
            RaftGroupObserver raft,
            ControllerAdminClient controllers,
            DatanodeAdminClient datanodeAdmin,
            Optional<ClusterAccess> access) {
        this.access = access;
        this.cluster = cluster;
        this.names = new Names(cluster);
        this.context = context;
        this.client = client;
        this.raft = raft;
        this.controllers = controllers;
        this.datanodeAdmin = datanodeAdmin;
    }

    Names names() {
        return names;
    }

    /** How to call this cluster's controllers; empty when its credential could not be read. */
    Optional<ClusterAccess> access() {
        return access;
    }

    Optional<StatefulSet> statefulSet(Role role) {
        String name = names.of(role);
        return context.getSecondaryResources(StatefulSet.class).stream()
                .filter(s -> name.equals(s.getMetadata().getName()))
                .findFirst();
    }

    @Override
    public OptionalInt statefulSetReplicas(Role role) {
        return statefulSet(role)
                .map(s -> s.getSpec().getReplicas())
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
    }

    @Override
    public Optional<String> updateRevision(Role role) {
        return statefulSet(role)
                .filter(
                        s ->
                                s.getStatus() != null
                                        && s.getMetadata().getGeneration() != null
                                        && s.getMetadata()
                                                .getGeneration()
                                                .equals(s.getStatus().getObservedGeneration()))
                .map(s -> s.getStatus().getUpdateRevision());
    }

    @Override
    public List<PodFacts> pods(Role role) {
        return pods.computeIfAbsent(
                role,
                r ->
                        podObjects(r).stream()
                                .map(pod -> facts(r, pod))
                                .filter(facts -> facts.ordinal() >= 0)
                                .toList());
    }

    /** The pods of a role as the API server has them. */
    List<Pod> podObjects(Role role) {
        return podObjects.computeIfAbsent(
                role,
                r ->
                        client.pods()
                                .inNamespace(names.namespace())
                                .withLabels(names.selector(r))
                                .list()
                                .getItems());
    }

    private PodFacts facts(Role role, Pod pod) {
        String name = pod.getMetadata().getName();
        Map<String, String> labels =
                pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        return new PodFacts(
                name,
                names.ordinalOf(role, name),
                Readiness.isPodReady(pod),
                pod.getMetadata().getDeletionTimestamp() != null,
                labels.get(REVISION_LABEL));
    }

    @Override
    public Map<Integer, Boolean> claims(Role role) {
        return claims.computeIfAbsent(
                role,
                r -> {
                    Map<Integer, Boolean> byOrdinal = new TreeMap<>();
                    String prefix = StatefulSetDesired.DATA_VOLUME + "-";
                    for (PersistentVolumeClaim claim :
                            client.persistentVolumeClaims()
                                    .inNamespace(names.namespace())
                                    .withLabels(names.selector(r))
                                    .list()
                                    .getItems()) {
                        String name = claim.getMetadata().getName();
                        int ordinal =
                                name.startsWith(prefix)
                                        ? names.ordinalOf(r, name.substring(prefix.length()))
                                        : -1;
                        if (ordinal >= 0) {
                            byOrdinal.put(
                                    ordinal, claim.getMetadata().getDeletionTimestamp() != null);
                        }
                    }
                    return byOrdinal;
                });
    }

    @Override
    public Optional<RaftGroupView> group() {
        if (group == null) {
            // A controller is ready only while it is a member that knows a leader: with none ready,
            // none is asked.
            group =
                    ready(Role.CONTROLLER) > 0 && access.isPresent()
                            ? raft.observe(controllerUrls(), access.get())
                            : Optional.empty();
        }
        return group;
    }

    /** Every controller that may run: the spec's and the StatefulSet's, by alias. */
    Map<String, URI> controllerUrls() {
        int count =
                Math.max(
                        cluster.specOrDefaults().getControllers().getReplicas(),
                        statefulSetReplicas(Role.CONTROLLER).orElse(0));
        Map<String, URI> urls = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            urls.put(names.pod(Role.CONTROLLER, i), controllerUrl(i));
        }
        return urls;
    }

    URI controllerUrl(int ordinal) {
        String scheme = access.map(ClusterAccess::scheme).orElse("http");
        return URI.create(scheme + "://" + names.hostPort(Role.CONTROLLER, ordinal));
    }

    /** The leader's admin API, when some controller names a leader. */
    Optional<URI> leaderUrl() {
        return group().map(RaftGroupView::leader)
                .map(leader -> names.ordinalOf(Role.CONTROLLER, leader))
                .filter(ordinal -> ordinal >= 0)
                .map(this::controllerUrl);
    }

    @Override
    public JoinState joinState(int controllerOrdinal) {
        return access.map(a -> controllers.joinState(controllerUrl(controllerOrdinal), a))
                .orElse(JoinState.NO_ANSWER);
    }

    @Override
    public Optional<Map<String, DatanodeRow>> datanodes() {
        if (datanodes == null) {
            datanodes = leaderUrl().flatMap(url -> datanodeAdmin.datanodes(url, access.get()));
        }
        return datanodes;
    }

    @Override
    public OptionalInt replicasHeld(String datanodeAlias) {
        return replicasHeld.computeIfAbsent(
                datanodeAlias,
                alias ->
                        leaderUrl()
                                .map(url -> datanodeAdmin.replicasHeld(url, alias, access.get()))
                                .orElse(OptionalInt.empty()));
    }

    @Override
    public Optional<Boolean> everyChunkHealthy() {
        if (everyChunkHealthy == null) {
            everyChunkHealthy =
                    leaderUrl().flatMap(url -> datanodeAdmin.everyChunkHealthy(url, access.get()));
        }
        return everyChunkHealthy;
    }

    /** Ready pods of a role, as the StatefulSet counts them. */
    int ready(Role role) {
        return statefulSet(role)
                .map(StatefulSet::getStatus)
                .map(s -> s.getReadyReplicas() == null ? 0 : s.getReadyReplicas())
                .orElse(0);
    }
}
