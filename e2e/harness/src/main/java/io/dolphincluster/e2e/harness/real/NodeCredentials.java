package io.dolphincluster.e2e.harness.real;

import io.dolphincluster.e2e.harness.Kubeconfig;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How kubelets and kube-proxy authenticate to the harness's API server, which knows one admin token
 * and ServiceAccount tokens: a ServiceAccount per kubelet in {@code kube-system} bound to the
 * ClusterRole {@code system:node} (there is no Node authorizer on this plane, so that role is all a
 * kubelet gets), and one for kube-proxy bound to {@code system:node-proxier}. Each gets a
 * kubeconfig with its token.
 */
final class NodeCredentials {
    static final String NAMESPACE = "kube-system";
    static final String KUBE_PROXY_ACCOUNT = "dolphin-kube-proxy";

    private NodeCredentials() {}

    static String kubeletAccount(String node) {
        return "dolphin-kubelet-" + node;
    }

    /**
     * Creates the accounts and bindings; the tokens come once the controller-manager's token
     * controller ran.
     */
    static void create(KubernetesClient client, List<String> nodes) {
        for (String node : nodes) {
            serviceAccount(client, kubeletAccount(node));
        }
        serviceAccount(client, KUBE_PROXY_ACCOUNT);
        bind(
                client,
                "dolphin-real-nodes",
                "system:node",
                nodes.stream().map(n -> subject(kubeletAccount(n))).toList());
        bind(
                client,
                "dolphin-kube-proxy",
                "system:node-proxier",
                List.of(subject(KUBE_PROXY_ACCOUNT)));
    }

    /** Waits for the account's token and writes a kubeconfig holding it. */
    static Path kubeconfig(
            KubernetesClient client, String serverUrl, String account, Path file, Duration timeout)
            throws IOException {
        return Kubeconfig.forServiceAccount(client, serverUrl, NAMESPACE, account, file, timeout);
    }

    private static void serviceAccount(KubernetesClient client, String name) {
        client.serviceAccounts()
                .inNamespace(NAMESPACE)
                .resource(
                        new ServiceAccountBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .withNamespace(NAMESPACE)
                                .endMetadata()
                                .build())
                .createOr(r -> r.update());
    }

    private static void bind(
            KubernetesClient client, String name, String clusterRole, List<Subject> subjects) {
        ClusterRoleBinding binding =
                new ClusterRoleBindingBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .withNewRoleRef()
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withKind("ClusterRole")
                        .withName(clusterRole)
                        .endRoleRef()
                        .withSubjects(subjects)
                        .build();
        client.rbac().clusterRoleBindings().resource(binding).createOr(r -> r.update());
    }

    private static Subject subject(String account) {
        return new SubjectBuilder()
                .withKind("ServiceAccount")
                .withName(account)
                .withNamespace(NAMESPACE)
                .build();
    }
}
