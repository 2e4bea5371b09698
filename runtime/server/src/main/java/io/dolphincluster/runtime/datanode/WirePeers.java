package io.dolphincluster.runtime.datanode;

import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.protocol.wire.ChunkCatchUp;
import io.dolphincluster.protocol.wire.ChunkFetch;
import io.dolphincluster.protocol.wire.ChunkQuery;
import io.dolphincluster.protocol.wire.ChunkRecords;
import io.dolphincluster.protocol.wire.ErrorReply;
import io.dolphincluster.protocol.wire.Frame;
import io.dolphincluster.protocol.wire.Login;
import io.dolphincluster.protocol.wire.LoginOk;
import io.dolphincluster.protocol.wire.Message;
import io.dolphincluster.protocol.wire.Ok;
import io.dolphincluster.protocol.wire.QueryResult;
import io.dolphincluster.protocol.wire.ReplicaAck;
import io.dolphincluster.protocol.wire.ReplicaAppend;
import io.dolphincluster.protocol.wire.ReplicaWrite;
import io.dolphincluster.protocol.wire.WireClient;
import io.dolphincluster.runtime.auth.InternalUserAuthenticator;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.replication.LogPosition;
import io.dolphincluster.runtime.storage.ChunkRecord;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link ReplicaPeers} over the data protocol: one authenticated connection per peer datanode
 * (logged in as the internal user with a member token made for that peer, never the secret itself),
 * reopened when it breaks. A peer's address comes from the metadata.
 */
public final class WirePeers implements ReplicaPeers, AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final long REQUEST_TIMEOUT_SECONDS = 30;

    private final String alias;
    private final MetadataView view;
    private final ClusterCredential credential;
    private final io.netty.handler.ssl.SslContext tls;
    private final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Map<String, CompletableFuture<WireClient>> connections =
            new ConcurrentHashMap<>();

    public WirePeers(String alias, MetadataView view, ClusterCredential credential) {
        this(alias, view, credential, io.dolphincluster.runtime.tls.ClusterTls.off());
    }

    /**
     * @param tls TLS to the other datanodes when on: the cluster CA, their host names checked
     */
    public WirePeers(
            String alias,
            MetadataView view,
            ClusterCredential credential,
            io.dolphincluster.runtime.tls.ClusterTls tls) {
        this.tls = tls.nettyClient();
        this.alias = alias;
        this.view = view;
        this.credential = credential;
    }

    @Override
    public CompletableFuture<Void> write(
            String primary, String chunkId, String writeId, byte[] rows) {
        return call(primary, new ReplicaWrite(chunkId, writeId, rows), Ok.class)
                .thenApply(ok -> null);
    }

    @Override
    public CompletableFuture<LogPosition> append(
            String replica, String chunkId, long epoch, List<ChunkRecord> records) {
        return call(
                        replica,
                        new ReplicaAppend(alias, chunkId, epoch, WireRecords.toWire(records)),
                        ReplicaAck.class)
                .thenApply(ack -> new LogPosition(ack.lastSeq(), ack.digest()));
    }

    @Override
    public CompletableFuture<FetchedRecords> fetch(String primary, String chunkId, long afterSeq) {
        return call(primary, new ChunkFetch(chunkId, afterSeq), ChunkRecords.class)
                .thenApply(
                        answer ->
                                new FetchedRecords(
                                        answer.lastSeq(),
                                        answer.afterDigest(),
                                        WireRecords.fromWire(answer.records())));
    }

    @Override
    public CompletableFuture<Boolean> catchUp(
            String primary, String chunkId, String replica, LogPosition position) {
        return request(
                        primary,
                        new ChunkCatchUp(chunkId, replica, position.lastSeq(), position.digest()))
                .thenApply(
                        answer -> {
                            if (answer instanceof Ok) return true;
                            if (answer instanceof ErrorReply error && "BEHIND".equals(error.code()))
                                return false;
                            throw unexpected(primary, answer);
                        });
    }

    @Override
    public CompletableFuture<RowBatch> query(String replica, String chunkId, Query query) {
        return call(replica, new ChunkQuery(chunkId, query), QueryResult.class)
                .thenApply(QueryResult::rows);
    }

    private <T extends Message> CompletableFuture<T> call(
            String peer, Message request, Class<T> answerType) {
        return request(peer, request)
                .thenApply(
                        answer -> {
                            if (answerType.isInstance(answer)) return answerType.cast(answer);
                            throw unexpected(peer, answer);
                        });
    }

    private CompletableFuture<Message> request(String peer, Message request) {
        return connection(peer)
                .thenCompose(client -> client.request(request))
                .orTimeout(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .whenComplete(
                        (answer, failure) -> {
                            if (failure != null) forget(peer);
                        });
    }

    /**
     * The peer's connection: the one being opened or open, else a new one (atomically, so never
     * two).
     */
    private CompletableFuture<WireClient> connection(String peer) {
        return connections.compute(peer, (p, existing) -> usable(existing) ? existing : open(p));
    }

    private static boolean usable(CompletableFuture<WireClient> connection) {
        if (connection == null || connection.isCompletedExceptionally()) return false;
        return !connection.isDone() || connection.join().isOpen();
    }

    private CompletableFuture<WireClient> open(String peer) {
        NodeInfo node = view.node(peer).orElse(null);
        if (node == null)
            return CompletableFuture.failedFuture(
                    new IllegalStateException("unknown datanode " + peer));
        int colon = node.site().lastIndexOf(':');
        String host = node.site().substring(0, colon);
        int port = Integer.parseInt(node.site().substring(colon + 1));
        return WireClient.connect(
                        group, host, port, Frame.DEFAULT_MAX_FRAME_BYTES, CONNECT_TIMEOUT, tls)
                .thenCompose(
                        client ->
                                client.request(
                                                new Login(
                                                        InternalUserAuthenticator.INTERNAL_USER,
                                                        InternalUserAuthenticator.loginToken(
                                                                credential, alias, peer)))
                                        .thenApply(
                                                answer -> {
                                                    if (answer instanceof LoginOk) return client;
                                                    client.close();
                                                    throw unexpected(peer, answer);
                                                }));
    }

    private void forget(String peer) {
        CompletableFuture<WireClient> gone = connections.remove(peer);
        if (gone != null) gone.thenAccept(WireClient::close);
    }

    private static PeerException unexpected(String peer, Message answer) {
        if (answer instanceof ErrorReply error) {
            return new PeerException(peer + " refused: " + error.code() + " " + error.message());
        }
        return new PeerException(peer + " answered " + answer.type());
    }

    /** A peer datanode refused a request or answered something unexpected. */
    public static final class PeerException extends RuntimeException {
        public PeerException(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        connections.values().forEach(c -> c.thenAccept(WireClient::close));
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
