package io.dolphincluster.e2e.suite;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code kubectl port-forward --address <address> pod/<name> <port>}, as a user opens a pod's
 * page: the API server streams it through the pod's kubelet and container runtime. {@link #open}
 * returns once kubectl says it forwards; {@link #close} ends kubectl (by its process).
 */
final class PodPortForward implements AutoCloseable {
    private final Process process;

    private PodPortForward(Process process) {
        this.process = process;
    }

    /** Forwards {@code address:port} (a loopback address of this machine) to the pod's port. */
    static PodPortForward open(
            Kubectl kubectl, String namespace, String pod, String address, int port)
            throws IOException {
        List<String> command =
                new ArrayList<>(
                        kubectl.command(
                                "port-forward",
                                "--address",
                                address,
                                "-n",
                                namespace,
                                "pod/" + pod,
                                String.valueOf(port)));
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
        PodPortForward forward = new PodPortForward(process);
        CompletableFuture<String> forwarding =
                CompletableFuture.supplyAsync(() -> firstForwardingLine(process));
        try {
            String line = forwarding.get(30, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException(
                        String.join(" ", command) + " exited without forwarding");
            }
            return forward;
        } catch (InterruptedException e) {
            forward.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            forward.close();
            throw new IllegalStateException(
                    String.join(" ", command) + " did not forward within 30 s", e);
        }
    }

    /**
     * kubectl's "Forwarding from ..." line, or null if it exits first; the rest of its output is
     * read and dropped.
     */
    private static String firstForwardingLine(Process process) {
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("Forwarding from")) {
                    Thread drain =
                            new Thread(
                                    () -> {
                                        try {
                                            while (out.readLine() != null) {
                                                // kubectl's "Handling connection" lines
                                            }
                                        } catch (IOException closed) {
                                            // kubectl ended
                                        }
                                    },
                                    "port-forward-output");
                    drain.setDaemon(true);
                    drain.start();
                    return line;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
