package io.dolphincluster.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.protocol.wire.Frame;
import io.dolphincluster.protocol.wire.Login;
import io.dolphincluster.protocol.wire.LoginOk;
import io.dolphincluster.protocol.wire.Message;
import io.dolphincluster.protocol.wire.WireClient;
import io.dolphincluster.runtime.tls.ClusterTls;
import io.dolphincluster.runtime.tls.TestPki;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data port with {@code enableHTTPS}: the protocol inside TLS, the server's name checked, plain
 * text refused.
 */
class DataServerTlsTest {
    @TempDir Path dir;

    private final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private DataServer server;
    private TestPki pki;

    @BeforeEach
    void start() throws Exception {
        pki = new TestPki(dir.resolve("ca"));
        ClusterTls tls = ClusterTls.on(pki.issue(dir.resolve("server"), "127.0.0.1"));
        server =
                DataServer.start(
                        new InetSocketAddress("127.0.0.1", 0),
                        DataServerOptions.defaults("datanode1"),
                        (user, password) -> user.equals("admin") && password.equals("123456"),
                        (session, request) -> CompletableFuture.completedFuture(request),
                        List.of(),
                        tls);
    }

    @AfterEach
    void stop() {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private Message login(ClusterTls clientTls, String host) throws Exception {
        WireClient client =
                WireClient.connect(
                                group,
                                host,
                                server.address().getPort(),
                                Frame.DEFAULT_MAX_FRAME_BYTES,
                                Duration.ofSeconds(5),
                                clientTls.nettyClient())
                        .get(10, TimeUnit.SECONDS);
        try {
            return client.request(new Login("admin", "123456")).get(10, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    @Test
    void logsInOverTls() throws Exception {
        assertThat(login(ClusterTls.on(pki.issue(dir.resolve("client"), "127.0.0.9")), "127.0.0.1"))
                .isInstanceOf(LoginOk.class);
    }

    @Test
    void aServerWhoseCertificateDoesNotNameTheHostIsRefused() throws Exception {
        ClusterTls client = ClusterTls.on(pki.issue(dir.resolve("client"), "127.0.0.9"));

        assertThatThrownBy(() -> login(client, "localhost")).hasMessageContaining("localhost");
    }

    @Test
    void plainTextIsRefused() throws Exception {
        assertThatThrownBy(() -> login(ClusterTls.off(), "127.0.0.1"))
                .hasMessageContaining("closed");
    }
}
