package io.dolphincluster.e2e.harness.real;

import io.dolphincluster.e2e.harness.ChildProcess;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A <b>stand-in</b> for cluster DNS (CoreDNS is not packaged by Debian and cannot be fetched here):
 * dnsmasq on {@link NodeNetwork#DNS_ADDRESS}:53, the kubelets' {@code clusterDNS}, answering from a
 * hosts file that this class regenerates from the API's Services and Endpoints (informers, at most
 * every 200 ms, then SIGHUP to dnsmasq):
 *
 * <ul>
 *   <li>{@code <svc>.<ns>.svc.cluster.local}: the ClusterIP, or for a headless Service every
 *       address of its Endpoints (which hold not-ready pods too when the Service publishes them);
 *   <li>{@code <hostname>.<svc>.<ns>.svc.cluster.local} for every Endpoints address with a hostname
 *       (StatefulSet pods, pods with {@code hostname} and {@code subdomain}).
 * </ul>
 *
 * Any other name under {@code cluster.local} is NXDOMAIN, any name outside it REFUSED (no
 * upstream). Pods get CoreDNS's search path and {@code ndots:5} from their kubelet, so short names
 * resolve as on a real cluster, and a name exists only once the endpoints controller published it,
 * the same race as with CoreDNS. Not reproduced: SRV records, pod A records ({@code
 * a-b-c-d.ns.pod}), ExternalName, TTL behaviour beyond a fixed 5 s.
 *
 * <p>{@link #jvmHostsFile()} holds the same names, each also without {@code .cluster.local}, plus
 * {@code localhost} in hosts-file format, for a JVM on this machine (a test, the operator run as a
 * process) through {@code -Djdk.net.hosts.file}.
 */
final class ClusterDns implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterDns.class);
    private static final String DOMAIN = "cluster.local";

    private final KubernetesClient client;
    private final Path hostsFile;
    private final Path jvmHostsFile;
    private final ChildProcess dnsmasq;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final ScheduledExecutorService writer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread thread = new Thread(r, "real-nodes-dns");
                        thread.setDaemon(true);
                        return thread;
                    });
    private SharedIndexInformer<Service> services;
    private SharedIndexInformer<Endpoints> endpoints;
    private String written = "";

    private ClusterDns(KubernetesClient client, Path dir, Path jvmHostsFile, ChildProcess dnsmasq) {
        this.client = client;
        this.hostsFile = dir.resolve("hosts");
        this.jvmHostsFile = jvmHostsFile == null ? dir.resolve("jvm-hosts") : jvmHostsFile;
        this.dnsmasq = dnsmasq;
    }

    /** {@code jvmHostsFile} null: {@code jvm-hosts} in {@code dir}. */
    static ClusterDns start(
            KubernetesClient client, Path dir, Path jvmHostsFile, NodeBinaries binaries)
            throws IOException {
        Files.createDirectories(dir);
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "", StandardCharsets.UTF_8);
        ChildProcess dnsmasq =
                ChildProcess.start(
                        "dnsmasq",
                        List.of(
                                binaries.dnsmasq().toString(),
                                "--keep-in-foreground",
                                "--log-facility=-",
                                "--conf-file=/dev/null",
                                "--user=root",
                                "--pid-file=",
                                "--no-resolv",
                                "--no-hosts",
                                "--no-poll",
                                "--addn-hosts=" + hosts,
                                "--listen-address=" + NodeNetwork.DNS_ADDRESS,
                                "--bind-interfaces",
                                "--port=53",
                                "--local=/" + DOMAIN + "/",
                                "--domain-needed",
                                "--local-ttl=5"),
                        dir.resolve("dnsmasq.log"));
        ClusterDns dns = new ClusterDns(client, dir, jvmHostsFile, dnsmasq);
        try {
            dns.watch();
            return dns;
        } catch (RuntimeException e) {
            dns.close();
            throw e;
        }
    }

    Path jvmHostsFile() {
        return jvmHostsFile;
    }

    private void watch() {
        ResourceEventHandler<Object> onChange =
                new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Object obj) {
                        dirty.set(true);
                    }

                    @Override
                    public void onUpdate(Object oldObj, Object newObj) {
                        dirty.set(true);
                    }

                    @Override
                    public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
                        dirty.set(true);
                    }
                };
        services = client.services().inAnyNamespace().inform(cast(onChange));
        endpoints = client.endpoints().inAnyNamespace().inform(cast(onChange));
        informers.add(services);
        informers.add(endpoints);
        writeIfChanged();
        writer.scheduleWithFixedDelay(this::writeQuietly, 200, 200, TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("unchecked")
    private static <T> ResourceEventHandler<T> cast(ResourceEventHandler<Object> handler) {
        return (ResourceEventHandler<T>) (ResourceEventHandler<?>) handler;
    }

    private void writeQuietly() {
        try {
            if (dirty.getAndSet(false)) {
                writeIfChanged();
            }
        } catch (RuntimeException e) {
            dirty.set(true);
            LOG.warn("[real-nodes] cannot update the DNS records: {}", e.toString());
        }
    }

    private void writeIfChanged() {
        String records = records(services.getStore().list(), endpoints.getStore().list());
        if (records.equals(written)) {
            return;
        }
        try {
            replace(hostsFile, records);
            replace(
                    jvmHostsFile,
                    "127.0.0.1 localhost "
                            + machineName()
                            + "\n::1 localhost\n"
                            + withoutClusterDomain(records));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written = records;
        if (dnsmasq.isAlive()) {
            HostCommand.tryRun("kill", "-HUP", Long.toString(dnsmasq.pid()));
        }
    }

    /** Hosts-file lines: one per address, with every name that resolves to it, sorted. */
    static String records(List<Service> services, List<Endpoints> endpoints) {
        Map<String, TreeSet<String>> namesByIp = new TreeMap<>();
        Map<String, Service> byKey = new TreeMap<>();
        for (Service service : services) {
            byKey.put(
                    service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(),
                    service);
            String clusterIp = service.getSpec().getClusterIP();
            if (clusterIp != null && !clusterIp.isBlank() && !"None".equals(clusterIp)) {
                namesByIp
                        .computeIfAbsent(clusterIp, k -> new TreeSet<>())
                        .add(serviceName(service));
            }
        }
        for (Endpoints ep : endpoints) {
            Service service =
                    byKey.get(ep.getMetadata().getNamespace() + "/" + ep.getMetadata().getName());
            if (service == null
                    || !"None".equals(service.getSpec().getClusterIP())
                    || ep.getSubsets() == null) {
                continue;
            }
            for (EndpointSubset subset : ep.getSubsets()) {
                for (EndpointAddress address :
                        subset.getAddresses() == null
                                ? List.<EndpointAddress>of()
                                : subset.getAddresses()) {
                    TreeSet<String> names =
                            namesByIp.computeIfAbsent(address.getIp(), k -> new TreeSet<>());
                    names.add(serviceName(service));
                    if (address.getHostname() != null && !address.getHostname().isBlank()) {
                        names.add(address.getHostname() + "." + serviceName(service));
                    }
                }
            }
        }
        StringBuilder lines = new StringBuilder();
        namesByIp.forEach(
                (ip, names) ->
                        lines.append(ip).append(' ').append(String.join(" ", names)).append('\n'));
        return lines.toString();
    }

    /**
     * The records with each name also written without {@code .cluster.local}: a JVM reading a hosts
     * file has no search path, where a pod resolves {@code x.ns.svc} through its own.
     */
    static String withoutClusterDomain(String records) {
        StringBuilder lines = new StringBuilder();
        for (String line : records.split("\n")) {
            if (line.isBlank()) continue;
            String[] fields = line.split(" ");
            lines.append(fields[0]);
            for (int i = 1; i < fields.length; i++) {
                lines.append(' ').append(fields[i]);
            }
            for (int i = 1; i < fields.length; i++) {
                if (fields[i].endsWith("." + DOMAIN)) {
                    lines.append(' ')
                            .append(fields[i], 0, fields[i].length() - DOMAIN.length() - 1);
                }
            }
            lines.append('\n');
        }
        return lines.toString();
    }

    private static String serviceName(Service service) {
        return service.getMetadata().getName()
                + "."
                + service.getMetadata().getNamespace()
                + ".svc."
                + DOMAIN;
    }

    private static String machineName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            return "localhost.localdomain";
        }
    }

    private static void replace(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        writer.shutdownNow();
        informers.forEach(SharedIndexInformer::close);
        if (!dnsmasq.stop(Duration.ofSeconds(5))) {
            LOG.warn("[real-nodes] dnsmasq (pid {}) survived SIGKILL", dnsmasq.pid());
        }
    }
}
