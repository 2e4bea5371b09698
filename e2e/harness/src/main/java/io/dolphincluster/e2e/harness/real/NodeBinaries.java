package io.dolphincluster.e2e.harness.real;

import io.dolphincluster.e2e.harness.KubeBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The executables a real node needs on this machine: kubelet and kube-proxy from the same cache
 * directory as the control plane (built with it by {@code e2e/scripts/install-kube.sh}),
 * containerd, ctr, runc and the CNI plugins from Debian's packages, dnsmasq for the DNS stand-in,
 * and the host tools (ip, iptables, unshare, nsenter). {@link #locate()} returns them all or throws
 * naming every missing one and the script that installs it.
 */
record NodeBinaries(
        Path kubelet, Path kubeProxy, Path containerd, Path ctr, Path dnsmasq, Path cniDir) {

    static final String PREPARE_HINT =
            "run e2e/real/prepare.sh as root (installs the packages, builds the images once"
                    + " and caches them, and starts e2e/scripts/install-kube.sh's build of kubelet"
                    + " and kube-proxy when they are not cached)";
    static final List<String> CNI_PLUGINS = List.of("bridge", "host-local", "portmap", "loopback");
    private static final List<String> HOST_TOOLS =
            List.of(
                    "runc",
                    "containerd-shim-runc-v2",
                    "ip",
                    "iptables",
                    "iptables-save",
                    "conntrack",
                    "unshare",
                    "nsenter",
                    "mount");
    private static final List<String> SEARCH =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    static NodeBinaries locate() {
        List<String> missing = new ArrayList<>();
        Path kubeDir = KubeBinaries.locate().apiServer().getParent();
        Map<String, Path> found = new LinkedHashMap<>();
        for (String name : List.of("kubelet", "kube-proxy")) {
            Path path = kubeDir.resolve(name);
            if (Files.isExecutable(path)) {
                found.put(name, path);
            } else {
                missing.add(path.toString());
            }
        }
        for (String name : List.of("containerd", "ctr", "dnsmasq")) {
            onPath(name).ifPresentOrElse(p -> found.put(name, p), () -> missing.add(name));
        }
        for (String name : HOST_TOOLS) {
            if (onPath(name).isEmpty()) {
                missing.add(name);
            }
        }
        Path cniDir = Path.of("/usr/lib/cni");
        for (String plugin : CNI_PLUGINS) {
            if (!Files.isExecutable(cniDir.resolve(plugin))) {
                missing.add(cniDir.resolve(plugin).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("real nodes need " + missing + "; " + PREPARE_HINT);
        }
        return new NodeBinaries(
                found.get("kubelet"),
                found.get("kube-proxy"),
                found.get("containerd"),
                found.get("ctr"),
                found.get("dnsmasq"),
                cniDir);
    }

    static Optional<Path> onPath(String name) {
        List<String> dirs =
                new ArrayList<>(
                        List.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(":")));
        dirs.addAll(SEARCH);
        return dirs.stream()
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
