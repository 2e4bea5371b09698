package io.dolphincluster.runtime.config;

import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.runtime.tls.ClusterTls;
import java.nio.file.Path;
import java.util.List;

/**
 * The typed content of an agent's {@code agent.cfg}: its own site, the controller it first talks
 * to, and (for metadata HA) {@code sites}, whose first item must be the agent itself as the seed
 * requires.
 *
 * @param listenHost the address its HTTP port binds ({@link ListenHostKey}): the host of {@code
 *     localSite} unless set
 * @param machine the {@code machine=} value, or {@code null}; see {@link #identity()}
 * @param zone the {@code zone=} value, or {@code null}; see {@link #identity()}
 * @param datanodeCommand the {@code datanodeCommand=} value, or {@code null}: the program (and its
 *     first arguments, separated by spaces) the agent runs for a datanode instead of {@code
 *     <dist>/bin/dolphin}; the datanode flags ({@code -console 0 -mode datanode -home ...}) are
 *     appended to it
 * @param credential the cluster credential ({@link ClusterSecretKey}), from {@code secretFile}; the
 *     agent passes {@code secretFile} on to the datanodes it starts
 * @param http {@code maxHttpConnections}, {@code maxHttpConnectionsPerAddress} and {@code
 *     httpHeaderTimeout}: its HTTP port's bounds ({@link HttpServerSettings})
 * @param tls its TLS ({@link TlsKeys}), passed on to the datanodes it starts
 */
public record AgentConfig(
        Site localSite,
        String listenHost,
        Site controllerSite,
        List<NodeEntry> sites,
        String machine,
        String zone,
        String datanodeCommand,
        ClusterCredential credential,
        Path secretFile,
        HttpServerSettings http,
        ClusterTls tls) {

    public AgentConfig(Site localSite, Site controllerSite, List<NodeEntry> sites) {
        this(
                localSite,
                localSite.host(),
                controllerSite,
                sites,
                null,
                null,
                null,
                null,
                null,
                HttpServerSettings.defaults(),
                ClusterTls.off());
    }

    public static AgentConfig read(Path path) throws ConfigException {
        KeyReader keys = new KeyReader(ConfigFile.read(path));
        Site localSite = keys.required("localSite", ValueParser.site());
        String listenHost = ListenHostKey.read(keys, localSite);
        Site controllerSite = keys.required("controllerSite", ValueParser.site());
        List<NodeEntry> sites = keys.optional("sites", ValueParser.nodeList(), List.of());
        String machine = keys.optional("machine", ValueParser.text(), null);
        String zone = keys.optional("zone", ValueParser.text(), null);
        String datanodeCommand = keys.optional("datanodeCommand", ValueParser.text(), null);
        ClusterSecretKey.Provisioned secret = ClusterSecretKey.read(keys);
        HttpServerSettings http = HttpServerSettings.read(keys);
        ClusterTls tls = TlsKeys.read(keys);
        keys.accept(
                "mode",
                "maxMemSize",
                "workerNum",
                "localExecutors",
                "lanCluster",
                "maxConnections");
        if (localSite != null && !sites.isEmpty()) {
            NodeEntry first = sites.get(0);
            if (!first.site().equals(localSite) || first.mode() != NodeMode.AGENT) {
                keys.problem(
                        "sites",
                        "the first item to be this agent, " + localSite + ":agent",
                        first.site() + ":" + first.mode().configName());
            }
        }
        if (controllerSite != null
                && !sites.isEmpty()
                && sites.stream()
                        .noneMatch(
                                s ->
                                        s.mode() == NodeMode.CONTROLLER
                                                && s.site().equals(controllerSite))) {
            keys.problem(
                    "controllerSite",
                    "one of the controllers listed in sites",
                    controllerSite.toString());
        }
        keys.finish();
        return new AgentConfig(
                localSite,
                listenHost,
                controllerSite,
                sites,
                machine,
                zone,
                datanodeCommand,
                secret.credential(),
                secret.file(),
                http,
                tls);
    }

    /**
     * Every controller this agent may talk to: those in {@code sites}, or else {@code
     * controllerSite}.
     */
    public List<Site> controllers() {
        List<Site> listed =
                sites.stream()
                        .filter(s -> s.mode() == NodeMode.CONTROLLER)
                        .map(NodeEntry::site)
                        .toList();
        return listed.isEmpty() ? List.of(controllerSite) : listed;
    }

    /**
     * This agent's machine and zone (config keys, then environment, then the host of {@code
     * localSite}).
     */
    public MachineIdentity identity() {
        return MachineIdentity.resolve(machine, zone, localSite);
    }
}
