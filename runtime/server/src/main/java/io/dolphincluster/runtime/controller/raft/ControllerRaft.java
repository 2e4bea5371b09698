package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.runtime.config.ControllerConfig;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * This controller's member of the Raft group: starts the Ratis server and submits requests to it
 * directly (no client hop: the HTTP API only submits on the leader).
 */
public final class ControllerRaft implements Closeable {
    /** One metadata group per cluster; every controller derives the same id. */
    public static final RaftGroupId GROUP_ID =
            RaftGroupId.valueOf(
                    UUID.nameUUIDFromBytes(
                            "dolphincluster-controllers".getBytes(StandardCharsets.UTF_8)));

    private final RaftServer server;
    private final RaftPeerId self;
    private final ClientId clientId = ClientId.randomId();

    /** A new id for every call; none is resent (RaftSettings' retry-cache expiry relies on it). */
    private final AtomicLong callIds = new AtomicLong();

    private ControllerRaft(RaftServer server, RaftPeerId self) {
        this.server = server;
        this.self = self;
    }

    /**
     * Starts the server, listening on {@code listenAddress} at the Raft port. {@code initialPeers}
     * is only used when the storage holds no configuration yet; an empty list starts a member that
     * waits to be added by the leader.
     */
    public static ControllerRaft start(
            ControllerConfig config,
            InetAddress listenAddress,
            Path home,
            List<RaftPeer> initialPeers,
            MetadataStateMachine stateMachine)
            throws IOException {
        RaftPeerId self = RaftPeerId.valueOf(config.alias());
        RaftGroup group =
                initialPeers.isEmpty()
                        ? RaftGroup.valueOf(GROUP_ID)
                        : RaftGroup.valueOf(GROUP_ID, initialPeers);
        RaftServer server =
                RaftServer.newBuilder()
                        .setServerId(self)
                        .setGroup(group)
                        .setStateMachine(stateMachine)
                        .setProperties(
                                RaftSettings.of(
                                        config,
                                        listenAddress,
                                        RaftSettings.storageDir(home).toPath()))
                        .setParameters(RaftTls.parameters(config.tls()))
                        .setOption(RaftStorage.StartupOption.RECOVER)
                        .build();
        server.start();
        return new ControllerRaft(server, self);
    }

    public RaftServer.Division division() {
        try {
            return server.getDivision(GROUP_ID);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the controller group is not running on this server", e);
        }
    }

    public RaftPeerId self() {
        return self;
    }

    /**
     * Appends {@code payload} to the log; completes when it is committed and applied (or failed).
     */
    public CompletableFuture<RaftClientReply> submit(byte[] payload) {
        RaftClientRequest request =
                RaftClientRequest.newBuilder()
                        .setClientId(clientId)
                        .setServerId(self)
                        .setGroupId(GROUP_ID)
                        .setCallId(callIds.incrementAndGet())
                        .setMessage(Message.valueOf(ByteString.copyFrom(payload)))
                        .setType(RaftClientRequest.writeRequestType())
                        .build();
        return submitAsync(() -> server.submitClientRequestAsync(request));
    }

    public CompletableFuture<RaftClientReply> setConfiguration(
            SetConfigurationRequest.Arguments arguments) {
        SetConfigurationRequest request =
                new SetConfigurationRequest(
                        clientId, self, GROUP_ID, callIds.incrementAndGet(), arguments);
        return submitAsync(() -> server.setConfigurationAsync(request));
    }

    public CompletableFuture<RaftClientReply> transferLeadership(
            RaftPeerId target, long timeoutMillis) {
        TransferLeadershipRequest request =
                new TransferLeadershipRequest(
                        clientId, self, GROUP_ID, callIds.incrementAndGet(), target, timeoutMillis);
        return submitAsync(() -> server.transferLeadershipAsync(request));
    }

    private interface AsyncCall {
        CompletableFuture<RaftClientReply> call() throws IOException;
    }

    private static CompletableFuture<RaftClientReply> submitAsync(AsyncCall call) {
        try {
            return call.call();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
