package io.dolphincluster.e2e.suite;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator as its own JVM ({@code OperatorMain}, the suite's classpath), connected with a
 * kubeconfig holding the ServiceAccount's token, with the environment of {@code
 * manifests/20-operator.yaml}. It resolves pod DNS names through the kubelet's hosts file, as it
 * would through cluster DNS. Stopped by pid.
 */
final class OperatorProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorProcess.class);
    private final Process process;

    private OperatorProcess(Process process) {
        this.process = process;
    }

    static OperatorProcess start(Path kubeconfig, String leaseNamespace, Path hostsFile, Path log)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command =
                List.of(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-Djdk.net.hosts.file=" + hostsFile,
                        "-Dsun.net.inetaddr.ttl=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.dolphincluster.operator.OperatorMain");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("KUBERNETES_"));
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("POD_NAMESPACE", leaseNamespace);
        env.put("LEADER_ELECTION", "true");
        env.put("LEASE_NAME", "dolphincluster-operator");
        env.put("WATCH_NAMESPACES", "");
        Files.createDirectories(log.getParent());
        Process process = builder.start();
        LOG.info("[operator] started as pid {}, log {}", process.pid(), log);
        return new OperatorProcess(process);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * kill -9 of the pid, then waits until it is gone: no shutdown hook runs, the lease is not
     * released.
     */
    void kill() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "operator pid " + process.pid() + " still runs after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        LOG.info("[operator] killed with SIGKILL (pid {})", process.pid());
    }

    /**
     * SIGTERM, then SIGKILL after 15 s; interrupted, it kills at once and keeps the interrupt for
     * the caller.
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LOG.info("[operator] stopped (pid {})", process.pid());
    }
}
