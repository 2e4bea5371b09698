package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.runtime.tls.ClusterTls;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;

/**
 * The Raft port's TLS: with {@code enableHTTPS}, mutual TLS on every gRPC service of Ratis (server,
 * client and admin): a peer or client connects only with a certificate the cluster CA signed, and
 * checks the host name of the controller it calls. The key and trust managers are the process's
 * reloading ones ({@link ClusterTls#keyManager()}), so a certificate rotated on disk is used by new
 * Raft connections. Off, the Raft port stays plain (and unauthenticated).
 */
final class RaftTls {
    private RaftTls() {}

    static Parameters parameters(ClusterTls tls) {
        Parameters parameters = new Parameters();
        if (tls.enabled()) {
            GrpcConfigKeys.TLS.setConf(
                    parameters, new GrpcTlsConfig(tls.keyManager(), tls.trustManager(), true));
        }
        return parameters;
    }
}
