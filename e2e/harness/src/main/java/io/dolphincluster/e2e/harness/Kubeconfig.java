package io.dolphincluster.e2e.harness;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * A kubeconfig for the local API server: one cluster with {@code insecure-skip-tls-verify} (its
 * serving certificate is self-signed), one user authenticated by a bearer token, and a current
 * context, with the namespace {@code default} for the plane's admin. Works with kubectl, kubelet
 * and with fabric8's {@code Config.fromKubeconfig}.
 */
public final class Kubeconfig {
    private Kubeconfig() {}

    /** The plane's admin kubeconfig. */
    static Path write(Path file, URI server, String token) throws IOException {
        return write(file, server.toString(), PlaneLayout.ADMIN_USER, token, "default");
    }

    /**
     * Waits (up to {@code timeout}) for the token the controller-manager gives a ServiceAccount,
     * then writes a kubeconfig that authenticates as that account, with no namespace of its own.
     */
    public static Path forServiceAccount(
            KubernetesClient client,
            String server,
            String namespace,
            String account,
            Path file,
            Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String token;
        while ((token = tokenOf(client, namespace, account)) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "ServiceAccount "
                                + namespace
                                + "/"
                                + account
                                + " got no token in "
                                + timeout.toSeconds()
                                + " s (is the controller-manager running?)");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return write(file, server, account, token, null);
    }

    private static String tokenOf(KubernetesClient client, String namespace, String account) {
        ServiceAccount sa = client.serviceAccounts().inNamespace(namespace).withName(account).get();
        if (sa == null || sa.getSecrets() == null || sa.getSecrets().isEmpty()) {
            return null;
        }
        Secret secret =
                client.secrets()
                        .inNamespace(namespace)
                        .withName(sa.getSecrets().get(0).getName())
                        .get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey("token")) {
            return null;
        }
        return new String(
                Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
    }

    /**
     * @param namespace the context's namespace, or null for none
     */
    private static Path write(Path file, String server, String user, String token, String namespace)
            throws IOException {
        String yaml =
                """
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
                %scurrent-context: dolphin-local
                """
                        .formatted(
                                server,
                                user,
                                token,
                                user,
                                namespace == null ? "" : "    namespace: " + namespace + "\n");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
