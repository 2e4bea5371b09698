package io.dolphincluster.e2e.harness;

import java.util.List;

/**
 * The command line of each control-plane process, from the binaries and the plane's layout. Flags
 * follow docs/local-kubernetes.md; every listener is on 127.0.0.1 and on a port chosen for this
 * plane, so several planes can run side by side (the 1.20 insecure ports are switched off for that
 * reason).
 */
final class ComponentCommands {

    /** Service ClusterIPs; never routed here, only allocated. */
    static final String SERVICE_CLUSTER_IP_RANGE = "10.96.0.0/12";

    /**
     * Controllers the controller-manager runs by default: all but the two that need real kubelets
     * (node CIDRs and evicting pods from nodes whose heartbeats stop); simulated nodes are marked
     * NotReady by the harness.
     */
    static final String CONTROLLERS = "*,-nodeipam,-nodelifecycle";

    private final KubeBinaries binaries;
    private final PlaneLayout layout;
    private final LocalControlPlane.Options options;

    ComponentCommands(
            KubeBinaries binaries, PlaneLayout layout, LocalControlPlane.Options options) {
        this.binaries = binaries;
        this.layout = layout;
        this.options = options;
    }

    List<String> etcd() {
        return List.of(
                binaries.etcd().toString(),
                "--name",
                "dolphin-etcd",
                "--data-dir",
                layout.etcdDataDir().toString(),
                "--listen-client-urls",
                layout.etcdClientUrl().toString(),
                "--advertise-client-urls",
                layout.etcdClientUrl().toString(),
                "--listen-peer-urls",
                layout.etcdPeerUrl().toString(),
                "--initial-advertise-peer-urls",
                layout.etcdPeerUrl().toString(),
                "--initial-cluster",
                "dolphin-etcd=" + layout.etcdPeerUrl(),
                "--logger",
                "zap",
                "--log-outputs",
                "stderr");
    }

    List<String> apiServer() {
        ServiceAccountKeys keys = layout.serviceAccountKeys();
        return List.of(
                binaries.apiServer().toString(),
                "--etcd-servers=" + layout.etcdClientUrl(),
                "--bind-address=" + options.apiServerBindAddress(),
                "--secure-port=" + layout.apiServerPort(),
                "--insecure-port=0",
                "--cert-dir=" + layout.apiServerCertDir(),
                "--token-auth-file=" + layout.tokenFile(),
                "--authorization-mode=RBAC",
                "--service-account-key-file=" + keys.publicKey(),
                "--service-account-signing-key-file=" + keys.privateKey(),
                "--service-account-issuer=https://kubernetes.default.svc",
                "--service-cluster-ip-range=" + SERVICE_CLUSTER_IP_RANGE,
                "--allow-privileged=true",
                // Real kubelets (real.RealNodes) are reached at their InternalIP: node names do not
                // resolve here.
                "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
                "--profiling=false");
    }

    List<String> controllerManager() {
        String kubeconfig = layout.kubeconfig().toString();
        return List.of(
                binaries.controllerManager().toString(),
                "--kubeconfig=" + kubeconfig,
                "--authentication-kubeconfig=" + kubeconfig,
                "--authorization-kubeconfig=" + kubeconfig,
                // The API server has no client CA, so there is no
                // extension-apiserver-authentication to look up.
                "--authentication-skip-lookup=true",
                "--controllers=" + options.controllers(),
                "--service-account-private-key-file=" + layout.serviceAccountKeys().privateKey(),
                // The API server's self-signed certificate (with its CA), as ca.crt of every
                // ServiceAccount token
                // Secret: pods (of real nodes) then verify the API server, which names 10.96.0.1
                // among its addresses.
                "--root-ca-file=" + layout.apiServerCertDir().resolve("apiserver.crt"),
                "--use-service-account-credentials=false",
                "--leader-elect=false",
                "--bind-address=127.0.0.1",
                "--secure-port=" + layout.controllerManagerPort(),
                "--port=0",
                "--profiling=false");
    }

    List<String> scheduler() {
        String kubeconfig = layout.kubeconfig().toString();
        return List.of(
                binaries.scheduler().toString(),
                "--kubeconfig=" + kubeconfig,
                "--authentication-kubeconfig=" + kubeconfig,
                "--authorization-kubeconfig=" + kubeconfig,
                "--authentication-skip-lookup=true",
                "--leader-elect=false",
                "--bind-address=127.0.0.1",
                "--secure-port=" + layout.schedulerPort(),
                "--port=0",
                "--profiling=false");
    }
}
