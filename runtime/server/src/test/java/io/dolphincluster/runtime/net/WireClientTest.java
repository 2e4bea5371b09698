package io.dolphincluster.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.protocol.wire.ChunkFetch;
import io.dolphincluster.protocol.wire.ChunkRecord;
import io.dolphincluster.protocol.wire.ChunkRecords;
import io.dolphincluster.protocol.wire.ConnectionLostException;
import io.dolphincluster.protocol.wire.FrameTooLargeException;
import io.dolphincluster.protocol.wire.Login;
import io.dolphincluster.protocol.wire.LoginOk;
import io.dolphincluster.protocol.wire.Message;
import io.dolphincluster.protocol.wire.ReplicaAppend;
import io.dolphincluster.protocol.wire.WireClient;
import io.dolphincluster.runtime.auth.InternalUserAuthenticator;
import io.dolphincluster.runtime.auth.MemberVerifier;
import io.dolphincluster.runtime.auth.UserStore;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The asynchronous client datanodes use to talk to each other, as the internal user. */
class WireClientTest {
    private static final ClusterCredential CREDENTIAL =
            ClusterCredential.of(ClusterCredential.generateSecret());
    private final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private DataServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private WireClient internalClient(int maxFrameBytes) throws Exception {
        server =
                DataServer.start(
                        new InetSocketAddress("127.0.0.1", 0),
                        DataServerOptions.defaults("datanode2").withMaxFrameBytes(4096),
                        new InternalUserAuthenticator(
                                new MemberVerifier("datanode2", CREDENTIAL),
                                "datanode2",
                                new UserStore()),
                        this::chunkStore);
        WireClient client =
                WireClient.connect(
                                group,
                                "127.0.0.1",
                                server.address().getPort(),
                                maxFrameBytes,
                                Duration.ofSeconds(5))
                        .get(5, TimeUnit.SECONDS);
        assertThat(
                        client.request(
                                        new Login(
                                                InternalUserAuthenticator.INTERNAL_USER,
                                                InternalUserAuthenticator.loginToken(
                                                        CREDENTIAL, "datanode1", "datanode2")))
                                .get(5, TimeUnit.SECONDS))
                .isEqualTo(new LoginOk());
        return client;
    }

    /**
     * Answers a fetch with as many records as afterSeq says, after a delay that reverses the order
     * of the answers.
     */
    private CompletableFuture<Message> chunkStore(Session session, Message request) {
        long after = ((ChunkFetch) request).afterSeq();
        return CompletableFuture.supplyAsync(
                () ->
                        new ChunkRecords(
                                after + 1,
                                after,
                                List.of(
                                        new ChunkRecord(
                                                after + 1,
                                                session.user(),
                                                new byte[] {(byte) after}))),
                CompletableFuture.delayedExecutor(200 - after * 10, TimeUnit.MILLISECONDS));
    }

    @Test
    void requestsInFlightTogetherEachGetTheirOwnAnswer() throws Exception {
        WireClient client = internalClient(1 << 20);
        List<CompletableFuture<Message>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) answers.add(client.request(new ChunkFetch("c1", i)));
        for (int i = 0; i < 10; i++) {
            assertThat(answers.get(i).get(5, TimeUnit.SECONDS))
                    .isEqualTo(
                            new ChunkRecords(
                                    i + 1,
                                    i,
                                    List.of(
                                            new ChunkRecord(
                                                    i + 1, "__internal", new byte[] {(byte) i}))));
        }
    }

    @Test
    void anOversizedRequestFailsAloneAndAClosedServerFailsTheRest() throws Exception {
        WireClient client = internalClient(8192);
        assertThatThrownBy(
                        () ->
                                client.request(
                                                new ReplicaAppend(
                                                        "d1",
                                                        "c1",
                                                        1,
                                                        List.of(
                                                                new ChunkRecord(
                                                                        1, "w", new byte[10_000]))))
                                        .join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(FrameTooLargeException.class);
        assertThat(client.request(new ChunkFetch("c1", 0)).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ChunkRecords.class);
        CompletableFuture<Message> waiting = client.request(new ChunkFetch("c1", 0));
        server.close();
        assertThatThrownBy(waiting::join).hasCauseInstanceOf(ConnectionLostException.class);
        assertThat(client.isOpen()).isFalse();
    }
}
