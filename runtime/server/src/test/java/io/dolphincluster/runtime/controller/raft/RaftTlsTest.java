package io.dolphincluster.runtime.controller.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.runtime.tls.ClusterTls;
import io.dolphincluster.runtime.tls.RaftClientProbe;
import io.dolphincluster.runtime.tls.TestPki;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Raft port with {@link RaftTls}: a real Ratis server on a socket, called by clients with and
 * without the cluster's certificate.
 */
class RaftTlsTest {
    @TempDir Path dir;

    private RaftServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.close();
    }

    private String start(ClusterTls tls) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String address = "127.0.0.1:" + port;
        RaftProperties properties = new RaftProperties();
        GrpcConfigKeys.Server.setHost(properties, "127.0.0.1");
        GrpcConfigKeys.Server.setPort(properties, port);
        RaftServerConfigKeys.setStorageDir(properties, List.of(dir.resolve("raft").toFile()));
        server =
                RaftServer.newBuilder()
                        .setServerId(org.apache.ratis.protocol.RaftPeerId.valueOf("c1"))
                        .setGroup(
                                RaftGroup.valueOf(
                                        ControllerRaft.GROUP_ID,
                                        RaftPeer.newBuilder()
                                                .setId("c1")
                                                .setAddress(address)
                                                .build()))
                        .setStateMachine(new BaseStateMachine())
                        .setProperties(properties)
                        .setParameters(RaftTls.parameters(tls))
                        .build();
        server.start();
        return address;
    }

    @Test
    void onlyClientsWithACertificateOfTheClusterCaAreServed() throws Exception {
        TestPki pki = new TestPki(dir.resolve("ca"));
        String address = start(ClusterTls.on(pki.issue(dir.resolve("server"), "127.0.0.1")));
        ClusterTls member = ClusterTls.on(pki.issue(dir.resolve("member"), "127.0.0.2"));

        Awaitility.await("the member's admin request served")
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> RaftClientProbe.groupInfo("c1", address, member).isSuccess());

        assertThatThrownBy(() -> RaftClientProbe.groupInfo("c1", address, ClusterTls.off()))
                .as("no TLS")
                .hasMessageContaining("UNAVAILABLE");
        ClusterTls stranger =
                ClusterTls.on(
                        new TestPki(dir.resolve("other-ca"))
                                .issue(dir.resolve("stranger"), "127.0.0.2"));
        assertThatThrownBy(() -> RaftClientProbe.groupInfo("c1", address, stranger))
                .as("another CA's certificate")
                .hasMessageContaining("UNAVAILABLE");
    }

    @Test
    void offItServesPlainClients() throws Exception {
        String address = start(ClusterTls.off());

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(
                        () ->
                                RaftClientProbe.groupInfo("c1", address, ClusterTls.off())
                                        .isSuccess());
        assertThat(GrpcConfigKeys.TLS.conf(RaftTls.parameters(ClusterTls.off()))).isNull();
    }
}
