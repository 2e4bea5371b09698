package io.dolphincluster.e2e.harness.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's DNS for JVMs started with {@code -Djdk.net.hosts.file=<file>}: every pod's stable
 * names mapped to its loopback address, plus {@code localhost} and this machine's hostname (with
 * that property the JVM consults only this file). The file is replaced atomically on every change,
 * so a reader never sees half of it.
 */
public final class HostsFile {
    private final Path file;
    private final Map<String, List<String>> namesByAddress = new ConcurrentHashMap<>();

    public HostsFile(Path file) {
        this.file = file;
        write();
    }

    public Path path() {
        return file;
    }

    /** The JVM option that makes a JVM resolve names through this file (and short-lived caches). */
    public String jvmOptions() {
        return "-Djdk.net.hosts.file="
                + file
                + " -Dsun.net.inetaddr.ttl=1 -Dsun.net.inetaddr.negative.ttl=0";
    }

    public synchronized void put(String address, List<String> names) {
        namesByAddress.put(address, List.copyOf(names));
        write();
    }

    public synchronized void remove(String address) {
        if (namesByAddress.remove(address) != null) {
            write();
        }
    }

    private void write() {
        StringBuilder out =
                new StringBuilder("# written by ProcessKubelet\n127.0.0.1 localhost ")
                        .append(machineName())
                        .append('\n');
        new TreeMap<>(namesByAddress)
                .forEach(
                        (address, names) ->
                                out.append(address)
                                        .append(' ')
                                        .append(String.join(" ", names))
                                        .append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "hosts", ".tmp");
            Files.writeString(temp, out, StandardCharsets.UTF_8);
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The kernel's hostname, read without a lookup (which would itself go through this file). */
    private static String machineName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8)
                    .trim();
        } catch (IOException e) {
            return "localhost.localdomain";
        }
    }
}
