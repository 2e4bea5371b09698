package io.dolphincluster.e2e.harness;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kubeconfig for the local API server: one cluster with {@code insecure-skip-tls-verify} (its serving
 * certificate is self-signed), one user authenticated by a bearer token, and a current context whose
 * namespace is {@code default}. Works with kubectl and with fabric8's {@code Config.fromKubeconfig}.
 */
final class Kubeconfig {

    private Kubeconfig() {
    }

    static Path write(Path file, URI server, String token) throws IOException {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: dolphin-local
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: dolphin-admin
                  user:
                    token: %s
                contexts:
                - name: dolphin-local
                  context:
                    cluster: dolphin-local
                    user: dolphin-admin
                    namespace: default
                current-context: dolphin-local
                """.formatted(server, token);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
