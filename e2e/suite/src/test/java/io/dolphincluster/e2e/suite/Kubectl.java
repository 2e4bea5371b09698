package io.dolphincluster.e2e.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine's kubectl run as a command against one kubeconfig; a non-zero exit is an error with
 * its output.
 */
final class Kubectl {
    private final Path kubeconfig;

    Kubectl(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** The command line of {@code kubectl args...} against this kubeconfig. */
    List<String> command(String... args) {
        List<String> command =
                new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** stdout of {@code kubectl args...}; stderr (version-skew warnings) is kept apart. */
    String run(String... args) {
        return runWithInput(null, args);
    }

    /** {@code kubectl apply -f -} of {@code yaml}; stdout. */
    String apply(String yaml) {
        return runWithInput(yaml, "apply", "-f", "-");
    }

    /** As {@link #run}, writing {@code input} (when not null) to kubectl's stdin first. */
    String runWithInput(String input, String... args) {
        List<String> command = command(args);
        try {
            Process process =
                    new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
            try {
                try (var stdin = process.getOutputStream()) {
                    if (input != null) stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
                byte[] out = process.getInputStream().readAllBytes();
                byte[] err = process.getErrorStream().readAllBytes();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(
                            String.join(" ", command) + " did not finish in 60 s");
                }
                String stdout = new String(out, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(
                            String.join(" ", command)
                                    + " exited with "
                                    + process.exitValue()
                                    + ":\n"
                                    + stdout
                                    + new String(err, StandardCharsets.UTF_8));
                }
                return stdout;
            } finally {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kubectl (is it on PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One row of {@code kubectl get dolphinclusters}, by column header. */
    record ClusterRow(
            String name,
            String rf,
            String controllers,
            String datanodes,
            String leader,
            String phase) {}

    ClusterRow getDolphinCluster(String namespace, String name) {
        String table = run("get", "dolphinclusters", "-n", namespace);
        String[] lines = table.strip().split("\n");
        List<String> header = List.of(lines[0].trim().split("\\s+"));
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].trim().split("\\s+");
            if (cells.length == header.size() && cells[0].equals(name)) {
                return new ClusterRow(
                        cells[0],
                        cell(header, cells, "RF"),
                        cell(header, cells, "CONTROLLERS"),
                        cell(header, cells, "DATANODES"),
                        cell(header, cells, "LEADER"),
                        cell(header, cells, "PHASE"));
            }
        }
        throw new AssertionError("no complete row for " + name + " in:\n" + table);
    }

    private static String cell(List<String> header, String[] cells, String column) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new AssertionError("no column " + column + " in " + header);
        }
        return cells[index];
    }
}
