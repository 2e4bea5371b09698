package io.dolphincluster.e2e.harness.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a pod's (single) container into a local command line: volumes materialized as directories
 * (ConfigMap and Secret keys as files, a claim as its PersistentVolume's hostPath, emptyDir in the
 * pod's directory, hostPath as itself), every path under a mount or the image's directory rewritten
 * to the local directory, and the environment resolved (values, downward-API fieldRefs,
 * secretKeyRef, configMapKeyRef). Pods here share the host's network, each with an address of its
 * own instead of a network namespace: a config value that is the wildcard address {@code 0.0.0.0}
 * (bind every address of the pod) becomes the pod's address, or two pods would fight over one port.
 */
final class PodLaunch {
    final List<String> command = new ArrayList<>();
    final Map<String, String> env = new LinkedHashMap<>();
    Path workingDir;

    private final Map<String, Path> mounts = new LinkedHashMap<>();
    private String podIp;

    /**
     * @throws IllegalStateException when something the pod needs is not there yet (a claim unbound,
     *     a Secret missing)
     */
    static PodLaunch of(
            KubernetesClient client, Pod pod, String podIp, Path podDir, ImageMapping image)
            throws IOException {
        PodLaunch launch = new PodLaunch();
        launch.podIp = podIp;
        Container container = pod.getSpec().getContainers().get(0);
        String ns = pod.getMetadata().getNamespace();
        launch.mounts.put(image.imageDir(), image.localDir());
        Map<String, Path> volumes = new LinkedHashMap<>();
        for (Volume volume : pod.getSpec().getVolumes()) {
            volumes.put(
                    volume.getName(),
                    materialize(
                            client,
                            ns,
                            volume,
                            podDir.resolve("volumes").resolve(volume.getName())));
        }
        if (container.getVolumeMounts() != null) {
            for (VolumeMount mount : container.getVolumeMounts()) {
                Path local = volumes.get(mount.getName());
                if (local != null) {
                    launch.mounts.put(
                            mount.getMountPath(),
                            mount.getSubPath() == null || mount.getSubPath().isEmpty()
                                    ? local
                                    : local.resolve(mount.getSubPath()));
                }
            }
        }
        for (Volume volume : pod.getSpec().getVolumes()) {
            if (volume.getConfigMap() != null)
                launch.mapPathsInFiles(volumes.get(volume.getName()));
        }
        List<String> argv = new ArrayList<>();
        if (container.getCommand() != null) argv.addAll(container.getCommand());
        if (container.getArgs() != null) argv.addAll(container.getArgs());
        if (argv.isEmpty()) {
            throw new IllegalStateException(
                    "container "
                            + container.getName()
                            + " has no command (image entrypoints are not known here)");
        }
        argv.forEach(arg -> launch.command.add(launch.mapPath(arg)));
        launch.workingDir =
                Path.of(
                        launch.mapPath(
                                container.getWorkingDir() == null
                                        ? image.imageDir()
                                        : container.getWorkingDir()));
        launch.env.put("HOSTNAME", pod.getMetadata().getName());
        if (container.getEnv() != null) {
            for (EnvVar var : container.getEnv()) {
                launch.env.put(var.getName(), launch.mapPath(resolve(client, pod, podIp, var)));
            }
        }
        return launch;
    }

    /**
     * A path under a mount (longest mount first) rewritten to its local directory; anything else
     * unchanged.
     */
    String mapPath(String value) {
        for (String mountPath : mountPathsLongestFirst()) {
            if (value.equals(mountPath) || value.startsWith(mountPath + "/")) {
                return mounts.get(mountPath) + value.substring(mountPath.length());
            }
        }
        return value;
    }

    /**
     * Longest first, so a path under a nested mount maps to that mount, not to the one around it.
     */
    private List<String> mountPathsLongestFirst() {
        List<String> mountPaths = new ArrayList<>(mounts.keySet());
        mountPaths.sort(Comparator.comparingInt(String::length).reversed());
        return mountPaths;
    }

    /**
     * Paths under a mount inside a ConfigMap's files (a config file naming a mounted Secret, e.g.
     * {@code clusterSecretFile}) rewritten like the command line: the process sees the local
     * directories, not the container's filesystem.
     */
    private void mapPathsInFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String mapped = mapWildcardAddressIn(mapPathsIn(text));
                if (!mapped.equals(text)) Files.writeString(file, mapped, StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * Every config value (after '=') that is exactly the wildcard address, as the pod's own
     * address.
     */
    String mapWildcardAddressIn(String text) {
        return java.util.regex.Pattern.compile(
                        "(?<==)([ \\t]*)0\\.0\\.0\\.0(?=[ \\t]*$)",
                        java.util.regex.Pattern.MULTILINE)
                .matcher(text)
                .replaceAll(
                        match -> match.group(1) + java.util.regex.Matcher.quoteReplacement(podIp));
    }

    /**
     * Every path under a mount in {@code text} (a path starts after whitespace, '=', a quote or the
     * line's start).
     */
    String mapPathsIn(String text) {
        StringBuilder alternatives = new StringBuilder();
        for (String mountPath : mountPathsLongestFirst()) {
            if (alternatives.length() > 0) alternatives.append('|');
            alternatives.append(java.util.regex.Pattern.quote(mountPath));
        }
        if (alternatives.length() == 0) return text;
        java.util.regex.Matcher matcher =
                java.util.regex.Pattern.compile(
                                "(?<=^|[\\s=\"',])(" + alternatives + ")(?=/|$|[\\s\"',])",
                                java.util.regex.Pattern.MULTILINE)
                        .matcher(text);
        return matcher.replaceAll(
                match ->
                        java.util.regex.Matcher.quoteReplacement(
                                mounts.get(match.group(1)).toString()));
    }

    private static Path materialize(KubernetesClient client, String ns, Volume volume, Path dir)
            throws IOException {
        if (volume.getPersistentVolumeClaim() != null) {
            String claimName = volume.getPersistentVolumeClaim().getClaimName();
            PersistentVolumeClaim claim =
                    client.persistentVolumeClaims().inNamespace(ns).withName(claimName).get();
            if (claim == null
                    || claim.getSpec().getVolumeName() == null
                    || claim.getSpec().getVolumeName().isEmpty()) {
                throw new IllegalStateException("claim " + claimName + " is not bound yet");
            }
            PersistentVolume pv =
                    client.persistentVolumes().withName(claim.getSpec().getVolumeName()).get();
            if (pv == null || pv.getSpec().getHostPath() == null) {
                throw new IllegalStateException(
                        "volume " + claim.getSpec().getVolumeName() + " is not a hostPath volume");
            }
            Path local = Path.of(pv.getSpec().getHostPath().getPath());
            Files.createDirectories(local);
            return local;
        }
        if (volume.getHostPath() != null) {
            Path local = Path.of(volume.getHostPath().getPath());
            Files.createDirectories(local);
            return local;
        }
        Files.createDirectories(dir);
        if (volume.getConfigMap() != null) {
            ConfigMap map =
                    client.configMaps()
                            .inNamespace(ns)
                            .withName(volume.getConfigMap().getName())
                            .get();
            if (map == null)
                throw new IllegalStateException(
                        "ConfigMap " + volume.getConfigMap().getName() + " not found");
            if (map.getData() != null) {
                for (Map.Entry<String, String> e : map.getData().entrySet()) {
                    Files.writeString(
                            dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
                }
            }
        } else if (volume.getSecret() != null) {
            Secret secret =
                    client.secrets()
                            .inNamespace(ns)
                            .withName(volume.getSecret().getSecretName())
                            .get();
            if (secret == null)
                throw new IllegalStateException(
                        "Secret " + volume.getSecret().getSecretName() + " not found");
            if (secret.getData() != null) {
                for (Map.Entry<String, String> e : secret.getData().entrySet()) {
                    Files.write(dir.resolve(e.getKey()), Base64.getDecoder().decode(e.getValue()));
                }
            }
        }
        // emptyDir and anything else: an empty directory of the pod's own
        return dir;
    }

    private static String resolve(KubernetesClient client, Pod pod, String podIp, EnvVar var) {
        if (var.getValueFrom() == null) {
            return var.getValue() == null ? "" : var.getValue();
        }
        EnvVarSource from = var.getValueFrom();
        String ns = pod.getMetadata().getNamespace();
        if (from.getFieldRef() != null) {
            String path = from.getFieldRef().getFieldPath();
            switch (path) {
                case "metadata.name":
                    return pod.getMetadata().getName();
                case "metadata.namespace":
                    return ns;
                case "metadata.uid":
                    return pod.getMetadata().getUid();
                case "spec.nodeName":
                    return pod.getSpec().getNodeName();
                case "spec.serviceAccountName":
                    return pod.getSpec().getServiceAccountName();
                case "status.podIP":
                    return podIp;
                case "status.hostIP":
                    return "127.0.0.1";
                default:
                    throw new IllegalStateException(
                            "fieldRef " + path + " is not supported by the process kubelet");
            }
        }
        if (from.getSecretKeyRef() != null) {
            Secret secret =
                    client.secrets()
                            .inNamespace(ns)
                            .withName(from.getSecretKeyRef().getName())
                            .get();
            String value =
                    secret == null || secret.getData() == null
                            ? null
                            : secret.getData().get(from.getSecretKeyRef().getKey());
            if (value == null)
                throw new IllegalStateException(
                        "secret key "
                                + from.getSecretKeyRef().getName()
                                + "/"
                                + from.getSecretKeyRef().getKey()
                                + " not found");
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        }
        if (from.getConfigMapKeyRef() != null) {
            ConfigMap map =
                    client.configMaps()
                            .inNamespace(ns)
                            .withName(from.getConfigMapKeyRef().getName())
                            .get();
            String value =
                    map == null || map.getData() == null
                            ? null
                            : map.getData().get(from.getConfigMapKeyRef().getKey());
            if (value == null)
                throw new IllegalStateException(
                        "config map key "
                                + from.getConfigMapKeyRef().getName()
                                + "/"
                                + from.getConfigMapKeyRef().getKey()
                                + " not found");
            return value;
        }
        throw new IllegalStateException("env " + var.getName() + ": unsupported valueFrom");
    }
}
