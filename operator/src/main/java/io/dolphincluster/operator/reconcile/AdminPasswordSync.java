package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.desired.AdminPasswordRef;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.runtime.AdminReply;
import io.dolphincluster.operator.runtime.ControllerAdminClient;
import java.net.URI;
import java.util.Optional;

/**
 * Keeps the admin Secret the source of truth for the admin user's password: when the leader refuses
 * the Secret's password (it was changed through the API, or the Secret was edited to rotate it),
 * the operator sets it from the Secret, as a member of the cluster, and says so in an Event (never
 * with the password). Rotating the admin password is therefore editing the Secret.
 */
final class AdminPasswordSync {
    private final ControllerAdminClient controllers;
    private final ClusterSecrets secrets;
    private final ClusterEvents events;

    AdminPasswordSync(
            ControllerAdminClient controllers, ClusterSecrets secrets, ClusterEvents events) {
        this.controllers = controllers;
        this.secrets = secrets;
        this.events = events;
    }

    /**
     * One check, on the leader; nothing when there is no leader, no credential or no readable
     * Secret.
     */
    void sync(DolphinCluster cluster, ObservedCluster live) {
        Optional<URI> leader = live.leaderUrl();
        Optional<String> password = secrets.adminPassword(cluster);
        if (leader.isEmpty() || live.access().isEmpty() || password.isEmpty()) {
            return;
        }
        if (!controllers
                .adminPasswordIs(leader.get(), password.get(), live.access().get())
                .equals(Optional.of(false))) {
            return;
        }
        String secret = AdminPasswordRef.of(cluster).secretName();
        AdminReply reply =
                controllers.setAdminPassword(leader.get(), password.get(), live.access().get());
        if (reply.ok()) {
            events.record(
                    cluster,
                    false,
                    "AdminPasswordSet",
                    "the admin user's password did not match Secret "
                            + secret
                            + ": set it from the Secret");
        } else {
            events.record(
                    cluster,
                    true,
                    "AdminPasswordNotSet",
                    "the admin user's password does not match Secret "
                            + secret
                            + " and could not be set: "
                            + (reply.status() == 0 ? "" : "HTTP " + reply.status() + ": ")
                            + reply.message());
        }
    }
}
