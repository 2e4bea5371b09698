package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.DolphinClusterSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runtime container of a role: the seed's start command with paths inside the image, the
 * downward-API environment the runtime expands in its config files, and probes on its health API
 * (startup, then liveness on /api/health; readiness on /api/ready), over HTTPS when the spec's TLS
 * is on (the kubelet does not check the certificate of a probed port).
 */
public final class RuntimeContainer {
    /** Where the image holds the distribution (bin/dolphin, lib/). */
    public static final String INSTALL_DIR = "/opt/dolphin";

    public static final String CONFIG_DIR = "/etc/dolphin";
    public static final String DATA_DIR = "/data";
    public static final String ADMIN_PASSWORD_ENV = "DOLPHIN_ADMIN_PASSWORD";
    public static final String HEAP_OPTS_ENV = "DOLPHIN_HEAP_OPTS";
    public static final String JAVA_OPTS_ENV = "DOLPHIN_JAVA_OPTS";
    static final String DNS_CACHE_OPTIONS =
            "-Dsun.net.inetaddr.ttl=5 -Dsun.net.inetaddr.negative.ttl=1";
    // A cold start (a JVM on a busy node, DNS not yet publishing the pod, a controller replaying
    // its Raft log) may
    // take minutes; the liveness probe, which would kill it after a minute, only starts once the
    // startup probe has
    // passed: up to 5 minutes here.
    static final int STARTUP_PERIOD_SECONDS = 5;
    static final int STARTUP_FAILURES = 60;

    private RuntimeContainer() {}

    public static Container of(DolphinClusterSpec spec, Role role, AdminPasswordRef password) {
        String javaOpts =
                role == Role.CONTROLLER
                        ? spec.getControllers().getJavaOpts()
                        : spec.getDatanodes().getJavaOpts();
        ResourceRequirements resources = RoleResources.of(spec, role);
        String scheme = spec.tlsEnabled() ? "HTTPS" : "HTTP";
        ContainerBuilder container =
                new ContainerBuilder()
                        .withName(role.label())
                        .withImage(spec.getImage())
                        .withImagePullPolicy(spec.getImagePullPolicy())
                        .withWorkingDir(INSTALL_DIR)
                        .withCommand(command(role))
                        .withPorts(ports(role))
                        .withEnv(env(role, HeapOptions.of(resources), javaOpts, password))
                        .withResources(resources)
                        .withStartupProbe(
                                probe(
                                        "/api/health",
                                        role,
                                        scheme,
                                        STARTUP_PERIOD_SECONDS,
                                        STARTUP_FAILURES))
                        .withReadinessProbe(probe("/api/ready", role, scheme, 5, 3))
                        .withLivenessProbe(probe("/api/health", role, scheme, 10, 6))
                        .withSecurityContext(PodSecurity.container())
                        .addNewVolumeMount()
                        .withName(StatefulSetDesired.DATA_VOLUME)
                        .withMountPath(DATA_DIR)
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName(StatefulSetDesired.CONFIG_VOLUME)
                        .withMountPath(CONFIG_DIR)
                        .withReadOnly(true)
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName(ClusterSecretDesired.VOLUME)
                        .withMountPath(ClusterSecretDesired.MOUNT_DIR)
                        .withReadOnly(true)
                        .endVolumeMount()
                        .addToVolumeMounts(PodSecurity.tmpMount());
        if (spec.tlsEnabled()) {
            container
                    .addNewVolumeMount()
                    .withName(TlsSecretsDesired.VOLUME)
                    .withMountPath(TlsSecretsDesired.MOUNT_DIR)
                    .withReadOnly(true)
                    .endVolumeMount();
        }
        return container.build();
    }

    /** The seed's command line with the image's paths. */
    static List<String> command(Role role) {
        String mode = role.label();
        return List.of(
                INSTALL_DIR + "/bin/dolphin",
                "-console",
                "1",
                "-mode",
                mode,
                "-home",
                DATA_DIR,
                "-config",
                CONFIG_DIR + "/" + role.configFile(),
                "-clusterConfig",
                CONFIG_DIR + "/" + SeedFiles.CLUSTER_CFG,
                "-logFile",
                DATA_DIR + "/log/" + mode + ".log",
                "-nodesFile",
                CONFIG_DIR + "/" + SeedFiles.CLUSTER_NODES);
    }

    static List<ContainerPort> ports(Role role) {
        String first = role == Role.CONTROLLER ? "http" : "data";
        String second = role == Role.CONTROLLER ? "raft" : "http";
        return List.of(port(first, role.sitePort()), port(second, role.secondPort()));
    }

    private static ContainerPort port(String name, int port) {
        return new ContainerPortBuilder()
                .withName(name)
                .withContainerPort(port)
                .withProtocol("TCP")
                .build();
    }

    /**
     * bin/dolphin runs {@code java $DOLPHIN_HEAP_OPTS <its defaults> $DOLPHIN_JAVA_OPTS}: the heap
     * follows the container's memory, and the spec's javaOpts come last, so they win (an -Xmx there
     * replaces the sizing).
     */
    static List<EnvVar> env(
            Role role, Optional<String> heapOpts, String javaOpts, AdminPasswordRef password) {
        List<EnvVar> env = new ArrayList<>();
        env.add(fieldRef("POD_NAME", "metadata.name"));
        env.add(fieldRef("POD_NAMESPACE", "metadata.namespace"));
        env.add(fieldRef("NODE_NAME", "spec.nodeName"));
        // Peers are reached by stable DNS names whose addresses change when a pod moves: the JVM
        // must
        // not cache a lookup for long (its default without a security manager is 30 s, failures 10
        // s).
        env.add(
                new EnvVarBuilder()
                        .withName("JAVA_TOOL_OPTIONS")
                        .withValue(DNS_CACHE_OPTIONS)
                        .build());
        heapOpts.ifPresent(
                opts ->
                        env.add(
                                new EnvVarBuilder()
                                        .withName(HEAP_OPTS_ENV)
                                        .withValue(opts)
                                        .build()));
        if (javaOpts != null && !javaOpts.isBlank()) {
            env.add(new EnvVarBuilder().withName(JAVA_OPTS_ENV).withValue(javaOpts).build());
        }
        if (role == Role.CONTROLLER) {
            env.add(
                    new EnvVarBuilder()
                            .withName(ADMIN_PASSWORD_ENV)
                            .withNewValueFrom()
                            .withNewSecretKeyRef()
                            .withName(password.secretName())
                            .withKey(password.key())
                            .endSecretKeyRef()
                            .endValueFrom()
                            .build());
        }
        return env;
    }

    private static EnvVar fieldRef(String name, String path) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewFieldRef()
                .withApiVersion("v1")
                .withFieldPath(path)
                .endFieldRef()
                .endValueFrom()
                .build();
    }

    private static Probe probe(
            String path, Role role, String scheme, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(path)
                .withPort(new IntOrString(role.healthPort()))
                .withScheme(scheme)
                .endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(2)
                .withFailureThreshold(failureThreshold)
                .build();
    }
}
