package io.dolphincluster.e2e.suite;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/** A kubeconfig holding a ServiceAccount's token (1.20: its token Secret), to run a process as that account. */
final class ServiceAccountKubeconfig {

    private ServiceAccountKubeconfig() {
    }

    static Path write(KubernetesClient client, String serverUrl, String namespace, String account, Path file)
            throws IOException {
        await("ServiceAccount " + namespace + "/" + account + " has its token").atMost(Duration.ofSeconds(60)).until(() -> {
            ServiceAccount sa = client.serviceAccounts().inNamespace(namespace).withName(account).get();
            return sa != null && !sa.getSecrets().isEmpty();
        });
        String secretName = client.serviceAccounts().inNamespace(namespace).withName(account).get()
                .getSecrets().get(0).getName();
        String token = new String(Base64.getDecoder().decode(
                client.secrets().inNamespace(namespace).withName(secretName).get().getData().get("token")),
                StandardCharsets.UTF_8);
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: %s
                  user:
                    token: %s
                contexts:
                - name: operator
                  context:
                    cluster: local
                    user: %s
                current-context: operator
                """.formatted(serverUrl, account, token, account);
        Files.writeString(file, kubeconfig, StandardCharsets.UTF_8);
        return file;
    }
}
