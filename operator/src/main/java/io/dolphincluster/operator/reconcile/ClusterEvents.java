package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.model.ConditionTypes;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.DolphinClusterStatus;
import io.dolphincluster.operator.model.Phase;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a Kubernetes Event (and one log line) for each significant step: a phase change, a new
 * leader, a spec found invalid, pods stranded by their volume's node. Nothing is recorded when
 * nothing changed. Failing to record an Event never fails a reconcile.
 */
public class ClusterEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEvents.class);
    static final String COMPONENT = "dolphincluster-operator";

    private final KubernetesClient client;

    public ClusterEvents(KubernetesClient client) {
        this.client = client;
    }

    void announce(
            DolphinCluster cluster, DolphinClusterStatus previous, DolphinClusterStatus next) {
        Phase before = previous == null ? null : previous.getPhase();
        if (before != next.getPhase()) {
            boolean warning = next.getPhase() == Phase.Invalid || next.getPhase() == Phase.Degraded;
            record(
                    cluster,
                    warning,
                    "Phase" + next.getPhase(),
                    "Phase "
                            + (before == null ? "(none)" : before)
                            + " -> "
                            + next.getPhase()
                            + ": "
                            + readyMessage(next));
        }
        if (turnedTrue(previous, next, ConditionTypes.VOLUME_NODE_LOST)) {
            record(
                    cluster,
                    true,
                    ConditionTypes.VOLUME_NODE_LOST,
                    message(next, ConditionTypes.VOLUME_NODE_LOST));
        }
        String leaderBefore = previous == null ? null : previous.getLeader();
        if (next.getLeader() != null && !Objects.equals(leaderBefore, next.getLeader())) {
            record(
                    cluster,
                    false,
                    "LeaderElected",
                    "Controller " + next.getLeader() + " leads the Raft group");
        }
    }

    private static String readyMessage(DolphinClusterStatus status) {
        return message(status, ConditionTypes.READY);
    }

    private static String message(DolphinClusterStatus status, String type) {
        return condition(status, type).map(Condition::getMessage).orElse("");
    }

    private static boolean turnedTrue(
            DolphinClusterStatus previous, DolphinClusterStatus next, String type) {
        boolean before =
                previous != null
                        && condition(previous, type)
                                .map(c -> "True".equals(c.getStatus()))
                                .orElse(false);
        return !before
                && condition(next, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    private static Optional<Condition> condition(DolphinClusterStatus status, String type) {
        return status.getConditions() == null
                ? Optional.empty()
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    void record(DolphinCluster cluster, boolean warning, String reason, String message) {
        String name = cluster.getMetadata().getName();
        LOG.info("[{}/{}] {}: {}", cluster.getMetadata().getNamespace(), name, reason, message);
        String now = Instant.now().toString();
        try {
            client.v1()
                    .events()
                    .inNamespace(cluster.getMetadata().getNamespace())
                    .resource(
                            new EventBuilder()
                                    .withNewMetadata()
                                    .withName(
                                            name
                                                    + "."
                                                    + UUID.randomUUID().toString().substring(0, 8))
                                    .withNamespace(cluster.getMetadata().getNamespace())
                                    .endMetadata()
                                    .withInvolvedObject(
                                            new ObjectReferenceBuilder()
                                                    .withApiVersion(cluster.getApiVersion())
                                                    .withKind(cluster.getKind())
                                                    .withName(name)
                                                    .withNamespace(
                                                            cluster.getMetadata().getNamespace())
                                                    .withUid(cluster.getMetadata().getUid())
                                                    .build())
                                    .withReason(reason)
                                    .withMessage(message)
                                    .withType(warning ? "Warning" : "Normal")
                                    .withFirstTimestamp(now)
                                    .withLastTimestamp(now)
                                    .withCount(1)
                                    .withNewSource()
                                    .withComponent(COMPONENT)
                                    .endSource()
                                    .build())
                    .create();
        } catch (KubernetesClientException e) {
            LOG.warn(
                    "[{}/{}] could not record event {}: {}",
                    cluster.getMetadata().getNamespace(),
                    name,
                    reason,
                    e.getMessage());
        }
    }
}
