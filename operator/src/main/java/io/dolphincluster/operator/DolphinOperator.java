package io.dolphincluster.operator;

import io.dolphincluster.operator.reconcile.ClusterEvents;
import io.dolphincluster.operator.reconcile.DolphinClusterReconciler;
import io.dolphincluster.operator.reconcile.ReconcileGate;
import io.dolphincluster.operator.reconcile.VolumeCleanup;
import io.dolphincluster.operator.runtime.ControllerAdminClient;
import io.dolphincluster.operator.runtime.DatanodeAdminClient;
import io.dolphincluster.operator.runtime.HttpRaftGroupObserver;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Clock;
import java.util.function.Consumer;

/** Builds the JOSDK Operator with the DolphinCluster reconciler registered; start() runs it. */
public final class DolphinOperator {

    private DolphinOperator() {}

    public static Operator create(KubernetesClient client, OperatorSettings settings) {
        return create(client, settings, overrider -> {});
    }

    /** With extra JOSDK settings (tests add metrics). */
    public static Operator create(
            KubernetesClient client,
            OperatorSettings settings,
            Consumer<ConfigurationServiceOverrider> extra) {
        return create(client, settings, new LeaseHandover(client, settings), extra);
    }

    /**
     * With extra JOSDK settings; {@code handover} decides what losing the Lease means and stops the
     * operator.
     */
    public static Operator create(
            KubernetesClient client,
            OperatorSettings settings,
            LeaseHandover handover,
            Consumer<ConfigurationServiceOverrider> extra) {
        ReconcileGate gate = new ReconcileGate();
        Operator operator =
                new DrainingOperator(
                        overrider -> {
                            extra.accept(overrider);
                            overrider.withKubernetesClient(client).withCloseClientOnStop(false);
                            if (settings.leaderElection()) {
                                overrider.withLeaderElectionConfiguration(
                                        new LeaderElectionConfiguration(
                                                settings.leaseName(),
                                                settings.leaseNamespace(),
                                                LeaderElectionConfiguration
                                                        .LEASE_DURATION_DEFAULT_VALUE,
                                                LeaderElectionConfiguration
                                                        .RENEW_DEADLINE_DEFAULT_VALUE,
                                                LeaderElectionConfiguration
                                                        .RETRY_PERIOD_DEFAULT_VALUE,
                                                settings.identity(),
                                                handover.callbacks(),
                                                false));
                            }
                        },
                        gate);
        ControllerAdminClient controllers = new ControllerAdminClient(settings.runtimeTimeout());
        DolphinClusterReconciler.Runtime runtime =
                new DolphinClusterReconciler.Runtime(
                        client,
                        new HttpRaftGroupObserver(controllers),
                        controllers,
                        new DatanodeAdminClient(settings.runtimeTimeout()));
        DolphinClusterReconciler reconciler =
                new DolphinClusterReconciler(
                        runtime,
                        new ClusterEvents(client),
                        new VolumeCleanup(client),
                        Clock.systemUTC(),
                        gate);
        operator.register(
                reconciler,
                configuration -> {
                    if (settings.watchNamespaces().isEmpty()) {
                        configuration.watchingAllNamespaces();
                    } else {
                        configuration.settingNamespaces(settings.watchNamespaces());
                    }
                });
        return operator;
    }
}
