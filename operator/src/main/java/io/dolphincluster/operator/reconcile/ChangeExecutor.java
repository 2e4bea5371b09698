package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.change.Step;
import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.runtime.AdminReply;
import io.dolphincluster.operator.runtime.ClusterAccess;
import io.dolphincluster.operator.runtime.ControllerAdminClient;
import io.dolphincluster.operator.runtime.DatanodeAdminClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the one step a change plans: a membership change or datanode drain on the Raft leader
 * (as a member of the cluster, with its credential: a changed admin password never stops a change),
 * or a pod or volume claim deleted. Each step done is an Event; a step the controllers refuse is a
 * warning Event (once per distinct refusal) and is planned again next pass.
 */
public class ChangeExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeExecutor.class);

    private final KubernetesClient client;
    private final ControllerAdminClient controllers;
    private final DatanodeAdminClient datanodes;
    private final ClusterEvents events;
    private final Map<String, String> lastRefusal = new ConcurrentHashMap<>();

    public ChangeExecutor(
            KubernetesClient client,
            ControllerAdminClient controllers,
            DatanodeAdminClient datanodes,
            ClusterEvents events) {
        this.client = client;
        this.controllers = controllers;
        this.datanodes = datanodes;
        this.events = events;
    }

    /**
     * @return why the step did not happen, empty when it did (or only waits)
     */
    Optional<String> carryOut(DolphinCluster cluster, Step step, ObservedCluster live) {
        if (step == null || step.action() == Step.Action.WAIT) {
            return Optional.empty();
        }
        Optional<String> failure;
        try {
            failure = run(cluster, step, live);
        } catch (KubernetesClientException e) {
            failure = Optional.of(e.getMessage());
        }
        String key = cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName();
        if (failure.isEmpty()) {
            lastRefusal.remove(key);
        } else if (!Objects.equals(lastRefusal.put(key, failure.get()), failure.get())) {
            events.record(
                    cluster, true, "ChangeRefused", step.description() + ": " + failure.get());
        } else {
            LOG.debug("[{}] {} refused again: {}", key, step.description(), failure.get());
        }
        return failure;
    }

    private Optional<String> run(DolphinCluster cluster, Step step, ObservedCluster live) {
        Names names = live.names();
        String subject = step.subject();
        switch (step.action()) {
            case DELETE_POD:
                client.pods().inNamespace(names.namespace()).withName(subject).delete();
                events.record(cluster, false, "PodRestarted", step.description());
                return Optional.empty();
            case DELETE_CLAIM:
                client.persistentVolumeClaims()
                        .inNamespace(names.namespace())
                        .withName(subject)
                        .delete();
                events.record(cluster, false, "VolumeClaimDeleted", step.description());
                return Optional.empty();
            default:
                break;
        }
        Optional<URI> leader = live.leaderUrl();
        if (leader.isEmpty()) {
            return Optional.of("no controller leads the group");
        }
        ClusterAccess credentials = live.access().orElseThrow();
        AdminReply reply;
        String reason;
        switch (step.action()) {
            case ADD_MEMBER:
                reply =
                        controllers.addMember(
                                leader.get(),
                                subject,
                                names.hostPort(
                                        Role.CONTROLLER, names.ordinalOf(Role.CONTROLLER, subject)),
                                step.expectedMembers(),
                                credentials);
                reason = "MemberAdded";
                break;
            case TRANSFER_LEADERSHIP:
                reply = controllers.transferLeadership(leader.get(), subject, credentials);
                reason = "LeadershipTransferred";
                break;
            case REMOVE_MEMBER:
                reply =
                        controllers.removeMember(
                                leader.get(), subject, step.expectedMembers(), credentials);
                reason = "MemberRemoved";
                break;
            case DRAIN_DATANODE:
                reply = datanodes.drain(leader.get(), subject, credentials);
                reason = "DatanodeDraining";
                break;
            case UNDRAIN_DATANODE:
                reply = datanodes.undrain(leader.get(), subject, credentials);
                reason = "DatanodeKept";
                break;
            case FORGET_DATANODE:
                reply = datanodes.forget(leader.get(), subject, credentials);
                reason = "DatanodeForgotten";
                break;
            default:
                throw new IllegalStateException("unexpected step " + step.action());
        }
        if (!reply.ok()) {
            return Optional.of(
                    (reply.status() == 0 ? "" : "HTTP " + reply.status() + ": ") + reply.message());
        }
        events.record(cluster, false, reason, step.description() + ": done");
        return Optional.empty();
    }
}
