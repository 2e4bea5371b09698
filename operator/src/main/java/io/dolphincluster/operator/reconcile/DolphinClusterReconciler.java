package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.change.ChangePlan;
import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.RoleSizes;
import io.dolphincluster.operator.model.ClusterChange;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.DolphinClusterSpec;
import io.dolphincluster.operator.model.DolphinClusterStatus;
import io.dolphincluster.operator.model.Phase;
import io.dolphincluster.operator.model.TlsSpec;
import io.dolphincluster.operator.reconcile.dependent.ClientServiceDependent;
import io.dolphincluster.operator.reconcile.dependent.ConfigMapDependent;
import io.dolphincluster.operator.reconcile.dependent.ControllerPdbDependent;
import io.dolphincluster.operator.reconcile.dependent.ControllerPdbV1beta1Dependent;
import io.dolphincluster.operator.reconcile.dependent.ControllerServiceDependent;
import io.dolphincluster.operator.reconcile.dependent.ControllerStatefulSetDependent;
import io.dolphincluster.operator.reconcile.dependent.DatanodePdbDependent;
import io.dolphincluster.operator.reconcile.dependent.DatanodePdbV1beta1Dependent;
import io.dolphincluster.operator.reconcile.dependent.DatanodeServiceDependent;
import io.dolphincluster.operator.reconcile.dependent.DatanodeStatefulSetDependent;
import io.dolphincluster.operator.reconcile.dependent.NetworkPolicyDependent;
import io.dolphincluster.operator.reconcile.dependent.PlannedSizes;
import io.dolphincluster.operator.reconcile.dependent.PolicyV1Missing;
import io.dolphincluster.operator.reconcile.dependent.PolicyV1Served;
import io.dolphincluster.operator.runtime.ClusterAccess;
import io.dolphincluster.operator.runtime.ControllerAdminClient;
import io.dolphincluster.operator.runtime.DatanodeAdminClient;
import io.dolphincluster.operator.runtime.RaftGroupObserver;
import io.dolphincluster.operator.runtime.ServedCertificate;
import io.dolphincluster.operator.tls.CertificateIssuer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reconciles one DolphinCluster: check the spec, make sure its Secrets exist (the cluster
 * credential, the admin password; with TLS on, the CA and each role's certificate, re-issued before
 * it expires, by the operator or by cert-manager: {@link CertificateIssuer}), plan the change in
 * progress from the live cluster, apply the desired objects with the planned pod counts, carry out
 * the change's next step and keep the admin password the Secret's (only for a valid spec and when
 * not paused), then write the status when it changed. The dependents are applied with server-side
 * apply and carry owner references, so deleting the resource deletes them.
 */
// Not generation-aware: the pause annotation changes metadata only, and must take effect at once.
@ControllerConfiguration(
        name = DolphinClusterReconciler.NAME,
        generationAwareEventProcessing = false)
@Workflow(
        explicitInvocation = true,
        dependents = {
            @Dependent(type = ConfigMapDependent.class, name = "config"),
            @Dependent(type = NetworkPolicyDependent.class, name = "network-policy"),
            @Dependent(type = ControllerServiceDependent.class, name = "controller-service"),
            @Dependent(type = DatanodeServiceDependent.class, name = "datanode-service"),
            @Dependent(type = ClientServiceDependent.class, name = "client-service"),
            @Dependent(
                    type = ControllerStatefulSetDependent.class,
                    name = "controller-statefulset",
                    dependsOn = "config"),
            @Dependent(
                    type = DatanodeStatefulSetDependent.class,
                    name = "datanode-statefulset",
                    dependsOn = "config"),
            @Dependent(
                    type = ControllerPdbDependent.class,
                    name = "controller-pdb",
                    activationCondition = PolicyV1Served.class),
            @Dependent(
                    type = DatanodePdbDependent.class,
                    name = "datanode-pdb",
                    activationCondition = PolicyV1Served.class),
            @Dependent(
                    type = ControllerPdbV1beta1Dependent.class,
                    name = "controller-pdb-v1beta1",
                    activationCondition = PolicyV1Missing.class),
            @Dependent(
                    type = DatanodePdbV1beta1Dependent.class,
                    name = "datanode-pdb-v1beta1",
                    activationCondition = PolicyV1Missing.class)
        })
public class DolphinClusterReconciler
        implements Reconciler<DolphinCluster>, Cleaner<DolphinCluster> {
    public static final String NAME = "dolphincluster";

    /** How often a healthy cluster's leader is asked again, with no event to prompt it. */
    static final Duration RESYNC = Duration.ofSeconds(60);

    /** How soon a change in progress looks again for its next step. */
    static final Duration CHANGE_POLL = Duration.ofSeconds(2);

    private static final Duration CLEANUP_RETRY = Duration.ofSeconds(2);

    /** How long a CA rotation waits for a pod's TLS port to show its certificate. */
    private static final Duration SERVED_CERTIFICATE_TIMEOUT = Duration.ofSeconds(3);

    /** What a reconcile talks to besides the API server's informers. */
    public record Runtime(
            KubernetesClient client,
            RaftGroupObserver raft,
            ControllerAdminClient controllers,
            DatanodeAdminClient datanodes) {}

    private final Runtime runtime;
    private final ClusterEvents events;
    private final ChangeExecutor changes;
    private final ClusterSecrets secrets;
    private final ClusterCertificates certificates;
    private final CertManagerApi certManagerApi;
    private final CertManagerCertificates certManager;
    private final AdminPasswordSync adminPassword;
    private final VolumeCleanup volumes;
    private final Clock clock;
    private final ReconcileGate gate;
    private final WrittenStatuses written = new WrittenStatuses();

    public DolphinClusterReconciler(
            Runtime runtime,
            ClusterEvents events,
            VolumeCleanup volumes,
            Clock clock,
            ReconcileGate gate) {
        this.runtime = runtime;
        this.events = events;
        this.changes =
                new ChangeExecutor(
                        runtime.client(), runtime.controllers(), runtime.datanodes(), events);
        this.secrets = new ClusterSecrets(runtime.client(), events);
        ServedCertificate served = new ServedCertificate(SERVED_CERTIFICATE_TIMEOUT);
        this.certificates =
                new ClusterCertificates(runtime.client(), secrets, events, clock, served::at);
        this.certManagerApi = CertManagerApi.of(runtime.client(), clock);
        this.certManager =
                new CertManagerCertificates(runtime.client(), secrets, events, certManagerApi);
        this.adminPassword = new AdminPasswordSync(runtime.controllers(), secrets, events);
        this.volumes = volumes;
        this.clock = clock;
        this.gate = gate;
    }

    @Override
    public UpdateControl<DolphinCluster> reconcile(
            DolphinCluster cluster, Context<DolphinCluster> context) {
        if (!gate.enter()) {
            // The operator is stopping: the next one reconciles this cluster when it starts.
            return UpdateControl.noUpdate();
        }
        try {
            return reconciled(cluster, context);
        } finally {
            gate.exit();
        }
    }

    private UpdateControl<DolphinCluster> reconciled(
            DolphinCluster cluster, Context<DolphinCluster> context) {
        DolphinClusterSpec spec = cluster.specOrDefaults();
        List<String> problems = SpecValidation.problems(spec);
        boolean acting = problems.isEmpty() && !cluster.isPaused();
        Optional<ClusterAccess> access = secrets.access(cluster, acting);
        boolean tls = cluster.specOrDefaults().tlsEnabled();
        // With TLS, the controllers are called trusting the cluster's CAs: no CA, no calls.
        Optional<ClusterCaRotation.Trust> trust =
                tls ? caIssued(cluster, acting) : Optional.empty();
        if (tls) {
            access = access.flatMap(a -> trust.map(t -> a.trusting(t.cas())));
        }
        Optional<ClusterChange> rotation = trust.flatMap(ClusterCaRotation.Trust::rotation);
        ObservedCluster live =
                new ObservedCluster(
                        cluster,
                        context,
                        runtime.client(),
                        runtime.raft(),
                        runtime.controllers(),
                        runtime.datanodes(),
                        access);
        ChangePlan plan =
                ChangePlan.of(
                        spec.getControllers().getReplicas(),
                        spec.getDatanodes().getReplicas(),
                        live,
                        live.names());
        Optional<String> refusal = Optional.empty();
        if (acting) {
            OnDeleteMigration.apply(runtime.client(), live);
            desiredObjectsApplied(context, plan);
            refusal = changes.carryOut(cluster, plan.step(), live);
            adminPassword.sync(cluster, live);
        }
        DolphinClusterStatus previous = written.previous(cluster);
        DolphinClusterStatus next =
                statusObserved(
                        cluster,
                        previous,
                        ClusterObserver.observe(cluster, problems, live, plan, refusal, rotation));
        events.announce(cluster, previous, next);
        return statusWrittenIfChanged(
                cluster, previous, next, plan.inProgress() || rotation.isPresent());
    }

    /**
     * The CAs the cluster's certificates come from, from whoever issues them ({@link
     * CertificateIssuer}), for the operator's own calls to trust (the CA and every role's
     * certificate created or re-issued first, and a CA rotation taken further, when {@code
     * acting}). {@code auto} reads the CA Secret to see who made it (the operator's path is handed
     * that read, not a second one) and asks discovery only for a cluster without a CA. Without
     * {@code <cluster>-ca}, the read falls back to a CA rotation's {@code -ca-next} (a rotation
     * stopped while replacing the CA), which the operator made.
     */
    private Optional<ClusterCaRotation.Trust> caIssued(DolphinCluster cluster, boolean acting) {
        Names names = new Names(cluster);
        TlsSpec tls = cluster.specOrDefaults().getTls();
        Supplier<Secret> caSecret =
                new ReadOnce<>(
                        () -> {
                            Secret ca = secrets.read(names, names.caSecret());
                            return ca != null ? ca : secrets.read(names, names.caNextSecret());
                        });
        CertificateIssuer issuer;
        try {
            issuer =
                    CertificateIssuer.of(
                            tls == null ? null : tls.getIssuer(),
                            () -> ClusterCertificates.caMadeBy(caSecret.get()),
                            certManagerApi::served);
        } catch (KubernetesClientException e) {
            // Decide nothing on a failed read: a wrong choice would make a CA for good.
            events.record(
                    cluster,
                    true,
                    "CertificatesUnavailable",
                    "cannot tell who issues the certificates of "
                            + names.cluster()
                            + " (spec.tls.issuer auto: the Secret "
                            + names.caSecret()
                            + ", then discovery of cert-manager's CRDs): "
                            + e.getMessage());
            return Optional.empty();
        }
        return switch (issuer) {
            case CERT_MANAGER ->
                    certManager
                            .caIssued(cluster, acting)
                            .map(ca -> new ClusterCaRotation.Trust(List.of(ca), Optional.empty()));
            case OPERATOR -> certificates.caIssued(cluster, acting, caSecret);
        };
    }

    /** A value read on first use and kept; a read that throws is not kept. */
    private static final class ReadOnce<T> implements Supplier<T> {
        private final Supplier<T> read;
        private boolean done;
        private T value;

        ReadOnce(Supplier<T> read) {
            this.read = read;
        }

        @Override
        public T get() {
            if (!done) {
                value = read.get();
                done = true;
            }
            return value;
        }
    }

    private static void desiredObjectsApplied(Context<DolphinCluster> context, ChangePlan plan) {
        PlannedSizes.put(
                context, new RoleSizes(plan.controllerReplicas(), plan.datanodeReplicas()));
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    }

    private DolphinClusterStatus statusObserved(
            DolphinCluster cluster, DolphinClusterStatus previous, Observation seen) {
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        return StatusCalculator.next(previous, generation(cluster), seen, now);
    }

    private UpdateControl<DolphinCluster> statusWrittenIfChanged(
            DolphinCluster cluster,
            DolphinClusterStatus previous,
            DolphinClusterStatus next,
            boolean changing) {
        UpdateControl<DolphinCluster> control;
        if (WrittenStatuses.same(next, previous)
                && WrittenStatuses.same(next, cluster.getStatus())) {
            control = UpdateControl.noUpdate();
        } else {
            written.remember(cluster, next);
            cluster.setStatus(next);
            // The status is wholly this operator's: apply it without optimistic locking, so a
            // concurrent
            // metadata change (JOSDK adding its finalizer) does not turn the write into a 409 and a
            // retry.
            cluster.getMetadata().setResourceVersion(null);
            control = UpdateControl.patchStatus(cluster);
        }
        if (next.getPhase() == Phase.Invalid) {
            return control;
        }
        return control.rescheduleAfter(changing ? CHANGE_POLL : RESYNC);
    }

    @Override
    public DeleteControl cleanup(DolphinCluster cluster, Context<DolphinCluster> context) {
        if (!gate.enter()) {
            // The operator is stopping: the next one finishes the deletion when it starts.
            return DeleteControl.noFinalizerRemoval();
        }
        try {
            if (volumes.deleteIfAsked(cluster)) {
                written.forget(cluster);
                return DeleteControl.defaultDelete();
            }
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(CLEANUP_RETRY);
        } finally {
            gate.exit();
        }
    }

    private static long generation(DolphinCluster cluster) {
        Long generation = cluster.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }
}
