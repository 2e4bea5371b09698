package io.dolphincluster.operator.change;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.runtime.DatanodeRow;
import io.dolphincluster.operator.runtime.JoinState;
import io.dolphincluster.operator.runtime.RaftGroupView;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** A live cluster set up by a test: cluster "demo" in namespace "ns", every fact explicit. */
final class FakeLiveCluster implements LiveCluster {
    static final Names NAMES = new Names("demo", "ns");

    private final Map<Role, Integer> replicas = new EnumMap<>(Role.class);
    private final Map<Role, String> revisions = new EnumMap<>(Role.class);
    private final Map<Role, List<PodFacts>> pods = new EnumMap<>(Role.class);
    private final Map<Role, Map<Integer, Boolean>> claims = new EnumMap<>(Role.class);
    private final Map<Integer, JoinState> joinStates = new HashMap<>();
    private final Map<String, DatanodeRow> datanodes = new TreeMap<>();
    private final Map<String, Integer> held = new HashMap<>();
    private RaftGroupView group;
    private Boolean healthy = true;

    static String controller(int ordinal) {
        return NAMES.pod(Role.CONTROLLER, ordinal);
    }

    static String datanode(int ordinal) {
        return NAMES.pod(Role.DATANODE, ordinal);
    }

    /** A StatefulSet of n ready pods on revision "r1", each with its claim. */
    FakeLiveCluster running(Role role, int n) {
        replicas.put(role, n);
        revisions.put(role, "r1");
        List<PodFacts> list = new ArrayList<>();
        Map<Integer, Boolean> claimed = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            list.add(new PodFacts(NAMES.pod(role, i), i, true, false, "r1"));
            claimed.put(i, false);
        }
        pods.put(role, list);
        claims.put(role, claimed);
        return this;
    }

    FakeLiveCluster statefulSetReplicas(Role role, int n) {
        replicas.put(role, n);
        return this;
    }

    FakeLiveCluster pod(Role role, int ordinal, boolean ready, String revision) {
        withoutPod(role, ordinal);
        pods.computeIfAbsent(role, r -> new ArrayList<>())
                .add(new PodFacts(NAMES.pod(role, ordinal), ordinal, ready, false, revision));
        claims.computeIfAbsent(role, r -> new TreeMap<>()).putIfAbsent(ordinal, false);
        return this;
    }

    FakeLiveCluster withoutPod(Role role, int ordinal) {
        pods.computeIfAbsent(role, r -> new ArrayList<>()).removeIf(p -> p.ordinal() == ordinal);
        return this;
    }

    FakeLiveCluster claim(Role role, int ordinal, boolean terminating) {
        claims.computeIfAbsent(role, r -> new TreeMap<>()).put(ordinal, terminating);
        return this;
    }

    FakeLiveCluster withoutClaim(Role role, int ordinal) {
        claims.computeIfAbsent(role, r -> new TreeMap<>()).remove(ordinal);
        return this;
    }

    FakeLiveCluster updateRevision(Role role, String revision) {
        revisions.put(role, revision);
        return this;
    }

    FakeLiveCluster group(int leader, int... members) {
        List<String> aliases = new ArrayList<>();
        for (int member : members) {
            aliases.add(controller(member));
        }
        group = new RaftGroupView(controller(leader), aliases);
        return this;
    }

    FakeLiveCluster group(RaftGroupView view) {
        group = view;
        return this;
    }

    FakeLiveCluster noLeader() {
        group = null;
        return this;
    }

    FakeLiveCluster asksToJoin(int ordinal) {
        return joinState(ordinal, JoinState.WAITING_TO_BE_ADDED);
    }

    FakeLiveCluster joinState(int ordinal, JoinState state) {
        joinStates.put(ordinal, state);
        return this;
    }

    FakeLiveCluster datanodeRow(int ordinal, boolean draining, int replicasHeld) {
        datanodes.put(datanode(ordinal), new DatanodeRow(datanode(ordinal), "UP", draining));
        held.put(datanode(ordinal), replicasHeld);
        return this;
    }

    FakeLiveCluster forgotten(int ordinal) {
        datanodes.remove(datanode(ordinal));
        return this;
    }

    FakeLiveCluster chunksHealthy(Boolean healthy) {
        this.healthy = healthy;
        return this;
    }

    @Override
    public OptionalInt statefulSetReplicas(Role role) {
        return replicas.containsKey(role)
                ? OptionalInt.of(replicas.get(role))
                : OptionalInt.empty();
    }

    @Override
    public Optional<String> updateRevision(Role role) {
        return Optional.ofNullable(revisions.get(role));
    }

    @Override
    public List<PodFacts> pods(Role role) {
        return List.copyOf(pods.getOrDefault(role, List.of()));
    }

    @Override
    public Map<Integer, Boolean> claims(Role role) {
        return Map.copyOf(claims.getOrDefault(role, Map.of()));
    }

    @Override
    public Optional<RaftGroupView> group() {
        return Optional.ofNullable(group);
    }

    @Override
    public JoinState joinState(int controllerOrdinal) {
        return joinStates.getOrDefault(controllerOrdinal, JoinState.NO_ANSWER);
    }

    @Override
    public Optional<Map<String, DatanodeRow>> datanodes() {
        return Optional.of(Map.copyOf(datanodes));
    }

    @Override
    public OptionalInt replicasHeld(String datanodeAlias) {
        return held.containsKey(datanodeAlias)
                ? OptionalInt.of(held.get(datanodeAlias))
                : OptionalInt.empty();
    }

    @Override
    public Optional<Boolean> everyChunkHealthy() {
        return Optional.ofNullable(healthy);
    }
}
