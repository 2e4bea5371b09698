package io.dolphincluster.e2e.harness;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything one control plane owns on disk and on the network: its directory (logs, etcd data,
 * keys, token file, kubeconfig), the free loopback ports chosen for it, and the admin bearer token.
 * {@link #create} writes the files the processes read before any of them starts.
 */
record PlaneLayout(
        Path dir,
        Path logDir,
        Path etcdDataDir,
        Path apiServerCertDir,
        Path tokenFile,
        Path kubeconfig,
        ServiceAccountKeys serviceAccountKeys,
        String adminToken,
        int etcdClientPort,
        int etcdPeerPort,
        int apiServerPort,
        int controllerManagerPort,
        int schedulerPort) {

    /** The admin user of the token file; member of system:masters, so RBAC lets it do anything. */
    static final String ADMIN_USER = "dolphin-admin";

    static PlaneLayout create(Path dir) throws IOException {
        Path logDir = Files.createDirectories(dir.resolve("logs"));
        Path pki = Files.createDirectories(dir.resolve("pki"));
        Path certDir = Files.createDirectories(pki.resolve("apiserver"));
        String token = newToken();
        Path tokenFile = pki.resolve("tokens.csv");
        Files.writeString(
                tokenFile,
                token + "," + ADMIN_USER + ",dolphin-admin-uid,\"system:masters\"\n",
                StandardCharsets.UTF_8);
        ServiceAccountKeys keys = ServiceAccountKeys.create(pki);
        List<Integer> ports = FreePorts.take(5);
        URI server = URI.create("https://127.0.0.1:" + ports.get(2));
        Path kubeconfig = Kubeconfig.write(dir.resolve("kubeconfig"), server, token);
        return new PlaneLayout(
                dir,
                logDir,
                dir.resolve("etcd-data"),
                certDir,
                tokenFile,
                kubeconfig,
                keys,
                token,
                ports.get(0),
                ports.get(1),
                ports.get(2),
                ports.get(3),
                ports.get(4));
    }

    URI etcdClientUrl() {
        return URI.create("http://127.0.0.1:" + etcdClientPort);
    }

    URI etcdPeerUrl() {
        return URI.create("http://127.0.0.1:" + etcdPeerPort);
    }

    URI apiServerUrl() {
        return URI.create("https://127.0.0.1:" + apiServerPort);
    }

    URI controllerManagerUrl() {
        return URI.create("https://127.0.0.1:" + controllerManagerPort);
    }

    URI schedulerUrl() {
        return URI.create("https://127.0.0.1:" + schedulerPort);
    }

    Path logFile(String component) {
        return logDir.resolve(component + ".log");
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
