package io.dolphincluster.e2e.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the control plane's executables are: etcd from Debian's {@code etcd-server}, and
 * kube-apiserver, kube-controller-manager and kube-scheduler built by {@code
 * e2e/scripts/install-kube.sh}.
 *
 * <p>The Kubernetes binaries are looked up, first match wins, in: the system property {@value
 * #BIN_PROPERTY}, the environment variable {@value #BIN_ENV}, the environment variable {@value
 * #CACHE_ENV} (the installer's cache override), and the installer's default cache {@code
 * ~/.cache/dolphincluster/kube-<debian-version>/} (the newest such directory that holds all three).
 * {@link #locate()} either returns paths that exist and are executable, or throws with a message
 * that says what is missing and to run the installer. It never returns a partial result. When the
 * binaries are missing because the installer is still building them in the background ({@link
 * BackgroundKubeBuild}), it waits for that build first.
 */
public record KubeBinaries(Path etcd, Path apiServer, Path controllerManager, Path scheduler) {

    public static final String BIN_PROPERTY = "dolphin.kube.bin";
    public static final String BIN_ENV = "DOLPHIN_KUBE_BIN";
    public static final String CACHE_ENV = "DOLPHIN_KUBE_CACHE";
    public static final String ETCD_PROPERTY = "dolphin.etcd.bin";

    static final String INSTALL_HINT =
            "run e2e/scripts/install-kube.sh (as root; it builds them once, "
                    + "about 13 minutes, and caches them)";

    private static final List<String> KUBE_NAMES =
            List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler");

    /**
     * The longest wait for a build in the background: 13 minutes on two idle cores, plus margin.
     */
    private static final Duration BACKGROUND_BUILD_WAIT = Duration.ofMinutes(45);

    /**
     * Finds all four executables, or throws {@link IllegalStateException} naming what is missing.
     */
    public static KubeBinaries locate() {
        try {
            return find();
        } catch (IllegalStateException missing) {
            if (namedExplicitly()) {
                throw missing; // binaries named explicitly are not the installer's to build
            }
            BackgroundKubeBuild build = new BackgroundKubeBuild(installerCacheRoot());
            // Looked up again even when no build was running: one may have ended just now.
            boolean waited = build.awaitEnd(BACKGROUND_BUILD_WAIT);
            try {
                return find();
            } catch (IllegalStateException stillMissing) {
                if (!waited) {
                    throw stillMissing;
                }
                throw new IllegalStateException(
                        stillMissing.getMessage()
                                + " (the build in the background ended without them; its log: "
                                + build.log()
                                + ")",
                        stillMissing);
            }
        }
    }

    private static KubeBinaries find() {
        Path kubeDir = kubeDirectory();
        Path etcd = etcdBinary();
        return new KubeBinaries(
                etcd,
                kubeDir.resolve("kube-apiserver"),
                kubeDir.resolve("kube-controller-manager"),
                kubeDir.resolve("kube-scheduler"));
    }

    /** Whether {@value #BIN_PROPERTY} or {@value #BIN_ENV} names the binaries' directory. */
    private static boolean namedExplicitly() {
        return !isBlank(System.getProperty(BIN_PROPERTY)) || !isBlank(System.getenv(BIN_ENV));
    }

    private static Path kubeDirectory() {
        String configured = System.getProperty(BIN_PROPERTY);
        String source = "system property " + BIN_PROPERTY;
        if (isBlank(configured)) {
            configured = System.getenv(BIN_ENV);
            source = "environment variable " + BIN_ENV;
        }
        if (isBlank(configured)) {
            configured = System.getenv(CACHE_ENV);
            source = "environment variable " + CACHE_ENV;
        }
        if (!isBlank(configured)) {
            Path dir = Path.of(configured);
            List<String> missing = missingIn(dir);
            if (!missing.isEmpty()) {
                throw new IllegalStateException(
                        "Kubernetes binaries "
                                + missing
                                + " not found in "
                                + dir
                                + " (from "
                                + source
                                + "); "
                                + INSTALL_HINT);
            }
            return dir;
        }
        Path cacheRoot = defaultCacheRoot();
        return newestCompleteCache(cacheRoot)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "Kubernetes control-plane binaries ("
                                                + String.join(", ", KUBE_NAMES)
                                                + ") not found: no "
                                                + cacheRoot.resolve("kube-<version>")
                                                + " holds them and neither "
                                                + BIN_PROPERTY
                                                + " nor "
                                                + BIN_ENV
                                                + " is set; "
                                                + INSTALL_HINT));
    }

    /** Where install-kube.sh keeps its cache directories, its Go build cache and its lock. */
    private static Path installerCacheRoot() {
        String cache = System.getenv(CACHE_ENV);
        return isBlank(cache) ? defaultCacheRoot() : Path.of(cache).toAbsolutePath().getParent();
    }

    static Path defaultCacheRoot() {
        return Path.of(System.getProperty("user.home"), ".cache", "dolphincluster");
    }

    private static Optional<Path> newestCompleteCache(Path cacheRoot) {
        if (!Files.isDirectory(cacheRoot)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(cacheRoot)) {
            // Directory names carry the Debian version; a half-built one (kube-x.tmp.123) lacks
            // binaries.
            return entries.filter(p -> p.getFileName().toString().startsWith("kube-"))
                    .filter(Files::isDirectory)
                    .filter(p -> missingIn(p).isEmpty())
                    .max((a, b) -> lastModified(a).compareTo(lastModified(b)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + cacheRoot + ": " + e, e);
        }
    }

    private static FileTime lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static List<String> missingIn(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String name : KUBE_NAMES) {
            if (!Files.isExecutable(dir.resolve(name))) {
                missing.add(name);
            }
        }
        return missing;
    }

    private static Path etcdBinary() {
        String configured = System.getProperty(ETCD_PROPERTY);
        if (!isBlank(configured)) {
            Path etcd = Path.of(configured);
            if (!Files.isExecutable(etcd)) {
                throw new IllegalStateException(
                        "etcd not executable at " + etcd + " (from " + ETCD_PROPERTY + ")");
            }
            return etcd;
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin");
        for (String dir : pathVariable.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "etcd"))) {
                return Path.of(dir, "etcd");
            }
        }
        throw new IllegalStateException(
                "etcd not found on PATH; " + INSTALL_HINT + " (it installs Debian's etcd-server)");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
