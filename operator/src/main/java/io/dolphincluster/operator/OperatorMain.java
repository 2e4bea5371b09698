package io.dolphincluster.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the operator image: connects with the in-cluster service account (or the
 * kubeconfig outside a cluster), registers the reconciler and runs until stopped. Its metrics are
 * served on {@code METRICS_PORT} (default 8080; 0 turns them off), see {@link OperatorMetrics}.
 */
public final class OperatorMain {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

    /** Well inside the Deployment's termination grace period (30 s). */
    private static final Duration RECONCILIATION_TERMINATION_TIMEOUT = Duration.ofSeconds(10);

    private OperatorMain() {}

    public static void main(String[] args) {
        OperatorSettings settings = OperatorSettings.fromEnvironment(System.getenv());
        int metricsPort =
                Integer.parseInt(
                        System.getenv()
                                .getOrDefault(
                                        "METRICS_PORT",
                                        String.valueOf(OperatorMetrics.DEFAULT_PORT)));
        KubernetesClient client = new KubernetesClientBuilder().build();
        OperatorMetrics metrics = new OperatorMetrics();
        if (metricsPort > 0) {
            try {
                metrics.serve(metricsPort);
                LOG.info("[operator] metrics on port {} (GET /metrics)", metricsPort);
            } catch (IOException e) {
                LOG.warn(
                        "[operator] cannot serve metrics on port {}: {}",
                        metricsPort,
                        e.toString());
            }
        }
        LeaseHandover handover = new LeaseHandover(client, settings);
        Operator operator =
                DolphinOperator.create(
                        client,
                        settings,
                        handover,
                        overrider ->
                                overrider
                                        .withMetrics(metrics.josdkMetrics())
                                        .withReconciliationTerminationTimeout(
                                                RECONCILIATION_TERMINATION_TIMEOUT));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> handover.stop(operator), "operator-stop"));
        LOG.info(
                "[operator] starting; namespaces={}, leaderElection={}, identity={}",
                settings.watchNamespaces().isEmpty() ? "all" : settings.watchNamespaces(),
                settings.leaderElection(),
                settings.identity());
        operator.start();
    }
}
