package io.dolphincluster.e2e.harness.real;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * How kubelets and kube-proxy authenticate to the harness's API server, which knows one admin token and
 * ServiceAccount tokens: a ServiceAccount per kubelet in {@code kube-system} bound to the ClusterRole
 * {@code system:node} (there is no Node authorizer on this plane, so that role is all a kubelet gets), and one for
 * kube-proxy bound to {@code system:node-proxier}. Each gets a kubeconfig with its token.
 */
final class NodeCredentials {
    static final String NAMESPACE = "kube-system";
    static final String KUBE_PROXY_ACCOUNT = "dolphin-kube-proxy";

    private NodeCredentials() {
    }

    static String kubeletAccount(String node) {
        return "dolphin-kubelet-" + node;
    }

    /** Creates the accounts and bindings; the tokens come once the controller-manager's token controller ran. */
    static void create(KubernetesClient client, List<String> nodes) {
        for (String node : nodes) {
            serviceAccount(client, kubeletAccount(node));
        }
        serviceAccount(client, KUBE_PROXY_ACCOUNT);
        bind(client, "dolphin-real-nodes", "system:node",
                nodes.stream().map(n -> subject(kubeletAccount(n))).toList());
        bind(client, "dolphin-kube-proxy", "system:node-proxier", List.of(subject(KUBE_PROXY_ACCOUNT)));
    }

    /** Waits for the account's token and writes a kubeconfig holding it. */
    static Path kubeconfig(KubernetesClient client, String serverUrl, String account, Path file, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String token = null;
        while (token == null) {
            ServiceAccount sa = client.serviceAccounts().inNamespace(NAMESPACE).withName(account).get();
            if (sa != null && sa.getSecrets() != null && !sa.getSecrets().isEmpty()) {
                var secret = client.secrets().inNamespace(NAMESPACE).withName(sa.getSecrets().get(0).getName()).get();
                if (secret != null && secret.getData() != null && secret.getData().containsKey("token")) {
                    token = new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
                }
            }
            if (token == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ServiceAccount " + NAMESPACE + "/" + account + " got no token in "
                            + timeout.toSeconds() + " s (is the controller-manager running?)");
                }
                RealNode.sleep(200);
            }
        }
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: dolphin-local
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: %s
                  user:
                    token: %s
                contexts:
                - name: dolphin-local
                  context:
                    cluster: dolphin-local
                    user: %s
                current-context: dolphin-local
                """.formatted(serverUrl, account, token, account), StandardCharsets.UTF_8);
        return file;
    }

    private static void serviceAccount(KubernetesClient client, String name) {
        client.serviceAccounts().inNamespace(NAMESPACE).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata().build()).createOr(r -> r.update());
    }

    private static void bind(KubernetesClient client, String name, String clusterRole, List<Subject> subjects) {
        ClusterRoleBinding binding = new ClusterRoleBindingBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                .withName(clusterRole).endRoleRef()
                .withSubjects(subjects)
                .build();
        client.rbac().clusterRoleBindings().resource(binding).createOr(r -> r.update());
    }

    private static Subject subject(String account) {
        return new SubjectBuilder().withKind("ServiceAccount").withName(account).withNamespace(NAMESPACE).build();
    }
}
