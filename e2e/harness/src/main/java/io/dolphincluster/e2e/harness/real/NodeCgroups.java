package io.dolphincluster.e2e.harness.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A node's cgroup root ({@code --cgroup-root} of its kubelet, {@code /dolphin-<node>}) in every
 * cgroup v1 hierarchy of this machine: several kubelets on one machine each manage their own {@code
 * kubepods} tree below it and never garbage-collect each other's pod cgroups. kubelet 1.20 with the
 * cgroupfs driver needs cgroup v1.
 */
final class NodeCgroups {
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    private final String name;

    NodeCgroups(String nodeName) {
        this.name = "dolphin-" + nodeName;
    }

    /** {@code /dolphin-<node>}, as the kubelet's {@code cgroupRoot}. */
    String path() {
        return "/" + name;
    }

    /** Throws unless this machine mounts the cgroup v1 hierarchies kubelet 1.20 needs. */
    static void requireV1() {
        for (String subsystem : List.of("cpu", "cpuacct", "cpuset", "memory", "pids")) {
            if (!Files.isRegularFile(CGROUP_ROOT.resolve(subsystem).resolve("cgroup.procs"))) {
                throw new IllegalStateException(
                        "real nodes need cgroup v1 (kubelet 1.20 with the cgroupfs driver); "
                                + CGROUP_ROOT.resolve(subsystem)
                                + " is not a cgroup v1 hierarchy");
            }
        }
    }

    /**
     * Creates the root in every v1 hierarchy; a new cpuset gets its parent's CPUs and memory nodes.
     */
    void create() {
        for (Path hierarchy : hierarchies(false)) {
            Path dir = hierarchy.resolve(name);
            try {
                Files.createDirectories(dir);
                if (hierarchy.getFileName().toString().equals("cpuset")) {
                    for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
                        Files.writeString(
                                dir.resolve(file),
                                Files.readString(hierarchy.resolve(file)).strip(),
                                StandardCharsets.UTF_8);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create cgroup " + dir, e);
            }
        }
    }

    /** Every process still in the node's cgroups (containers whose shim is gone), by pid. */
    List<Long> processes() {
        List<Long> pids = new ArrayList<>();
        Path pidsRoot = CGROUP_ROOT.resolve("pids").resolve(name);
        if (!Files.isDirectory(pidsRoot)) {
            return pids;
        }
        try (Stream<Path> files = Files.walk(pidsRoot)) {
            for (Path procs :
                    files.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                for (String line : Files.readAllLines(procs)) {
                    if (!line.isBlank()) {
                        pids.add(Long.parseLong(line.strip()));
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // A cgroup removed while walking: its processes are gone too.
        }
        return pids;
    }

    /**
     * Removes the node's cgroups bottom-up, in the v1 hierarchies and in the v2 {@code unified} one
     * of a hybrid machine (where runc mirrors them); true when none is left (they must be empty of
     * processes).
     */
    boolean remove() {
        boolean all = true;
        for (Path hierarchy : hierarchies(true)) {
            Path dir = hierarchy.resolve(name);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path cgroup :
                        tree.filter(Files::isDirectory)
                                .sorted(Comparator.reverseOrder())
                                .toList()) {
                    // rmdir: the files in a cgroup directory are not files and go with it.
                    all &= cgroup.toFile().delete();
                }
            } catch (IOException | UncheckedIOException e) {
                all = false;
            }
        }
        return all;
    }

    /**
     * Every v1 hierarchy (named ones like name=systemd included), and the v2 {@code unified} mount
     * if asked.
     */
    private static List<Path> hierarchies(boolean withUnified) {
        try (Stream<Path> entries = Files.list(CGROUP_ROOT)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve("cgroup.procs")))
                    .filter(
                            p ->
                                    Files.isRegularFile(p.resolve("cgroup.clone_children"))
                                            || withUnified
                                                    && p.getFileName().toString().equals("unified"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
