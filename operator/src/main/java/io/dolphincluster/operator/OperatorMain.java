package io.dolphincluster.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the operator image: connects with the in-cluster service account (or the
 * kubeconfig outside a cluster), registers the reconciler and runs until stopped.
 */
public final class OperatorMain {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {
  }

  public static void main(String[] args) {
    OperatorSettings settings = OperatorSettings.fromEnvironment(System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().build();
    Operator operator = DolphinOperator.create(client, settings);
    operator.installShutdownHook(Duration.ofSeconds(10));
    LOG.info("[operator] starting; namespaces={}, leaderElection={}",
        settings.watchNamespaces().isEmpty() ? "all" : settings.watchNamespaces(), settings.leaderElection());
    operator.start();
  }
}
