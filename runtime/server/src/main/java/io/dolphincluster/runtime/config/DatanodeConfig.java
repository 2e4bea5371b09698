package io.dolphincluster.runtime.config;

import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.runtime.tls.ClusterTls;
import java.nio.file.Path;
import java.util.List;

/**
 * The typed content of a datanode's config file (written by its agent on bare metal, or rendered by
 * the operator on Kubernetes): its own {@code localSite} (the data port clients connect to),
 * optional {@code machine=}/{@code zone=} identity (see {@link MachineIdentity}), and the
 * controllers to talk to: {@code sites=} or {@code controllerSite=} in the file, else every
 * controller in {@code cluster.nodes}; and the cluster credential ({@code clusterSecretFile},
 * {@link ClusterSecretKey}); {@code maxConnections} bounds the data port's connections (a quarter
 * of them, at most 256, may be waiting to log in) and {@code maxConnectionsPerAddress} those one
 * client address may hold (default 256, at most {@code maxConnections}); {@code
 * maxHttpConnections}, {@code maxHttpConnectionsPerAddress} and {@code httpHeaderTimeout} bound its
 * HTTP port ({@link HttpServerSettings}); {@code enableHTTPS} and the {@code tls*File} keys its TLS
 * ({@link TlsKeys}).
 */
public record DatanodeConfig(
        Site localSite,
        String listenHost,
        List<Site> controllers,
        String machineKey,
        String zoneKey,
        int heartbeatIntervalMillis,
        ClusterCredential credential,
        int maxConnections,
        int maxConnectionsPerAddress,
        HttpServerSettings http,
        ClusterTls tls) {

    /** The datanode's HTTP port (health, readiness, chunk list) is its data port plus this. */
    public static final int HTTP_PORT_OFFSET = 1000;

    /** Connections the data port takes at most ({@code maxConnections}, the seed's key). */
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    /**
     * Connections one client address may hold on the data port ({@code maxConnectionsPerAddress}),
     * as on the HTTP port ({@link HttpServerSettings#DEFAULT_MAX_CONNECTIONS_PER_ADDRESS}).
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 256;

    public static DatanodeConfig read(Path path, ClusterNodes nodes) throws ConfigException {
        KeyReader keys = new KeyReader(ConfigFile.read(path));
        Site localSite = keys.required("localSite", ValueParser.site());
        String listenHost = ListenHostKey.read(keys, localSite);
        Site controllerSite = keys.optional("controllerSite", ValueParser.site(), null);
        List<NodeEntry> sites = keys.optional("sites", ValueParser.nodeList(), List.of());
        String machine = keys.optional("machine", ValueParser.text(), null);
        String zone = keys.optional("zone", ValueParser.text(), null);
        int heartbeat = keys.optional("heartbeatInterval", ValueParser.integer(100, 60_000), 1000);
        ClusterCredential credential = ClusterSecretKey.read(keys).credential();
        ClusterTls tls = TlsKeys.read(keys);
        int maxConnections =
                keys.optional(
                        "maxConnections", ValueParser.integer(1, 65_535), DEFAULT_MAX_CONNECTIONS);
        int maxConnectionsPerAddress =
                HttpServerSettings.perAddress(
                        keys,
                        "maxConnectionsPerAddress",
                        "maxConnections",
                        maxConnections,
                        DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
        HttpServerSettings http = HttpServerSettings.read(keys);
        keys.accept("mode", "maxMemSize", "workerNum", "localExecutors", "volumes", "dataSync");
        List<Site> controllers = controllersOf(sites, controllerSite, nodes);
        if (controllers.isEmpty()) {
            keys.problem(
                    "sites",
                    "controllers in sites=, controllerSite= or the cluster.nodes file",
                    "none");
        }
        keys.finish();
        return new DatanodeConfig(
                localSite,
                listenHost,
                controllers,
                machine,
                zone,
                heartbeat,
                credential,
                maxConnections,
                maxConnectionsPerAddress,
                http,
                tls);
    }

    private static List<Site> controllersOf(
            List<NodeEntry> sites, Site controllerSite, ClusterNodes nodes) {
        List<Site> listed =
                sites.stream()
                        .filter(s -> s.mode() == NodeMode.CONTROLLER)
                        .map(NodeEntry::site)
                        .toList();
        if (!listed.isEmpty()) return listed;
        if (controllerSite != null) return List.of(controllerSite);
        return nodes == null
                ? List.of()
                : nodes.withMode(NodeMode.CONTROLLER).stream().map(NodeEntry::site).toList();
    }

    public String alias() {
        return localSite.alias();
    }

    public int httpPort() {
        return localSite.port() + HTTP_PORT_OFFSET;
    }
}
