package io.dolphincluster.runtime.tls;

import io.dolphincluster.runtime.controller.raft.ControllerRaft;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;

/**
 * A Raft client from outside the group, as an attacker would build one: an admin request ({@code
 * groupInfo}) to one controller.
 */
public final class RaftClientProbe {
    private RaftClientProbe() {}

    /**
     * Asks the controller {@code alias} at {@code raftAddress} ({@code host:port}) for the group's
     * information, with {@code tls} (plain when off); throws the refusal.
     */
    public static GroupInfoReply groupInfo(String alias, String raftAddress, ClusterTls tls)
            throws IOException {
        RaftPeer peer = RaftPeer.newBuilder().setId(alias).setAddress(raftAddress).build();
        RaftProperties properties = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(
                properties, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        Parameters parameters = new Parameters();
        if (tls.enabled())
            GrpcConfigKeys.TLS.setConf(
                    parameters, new GrpcTlsConfig(tls.keyManager(), tls.trustManager(), true));
        try (RaftClient client =
                RaftClient.newBuilder()
                        .setRaftGroup(RaftGroup.valueOf(ControllerRaft.GROUP_ID, List.of(peer)))
                        .setProperties(properties)
                        .setParameters(parameters)
                        .setRetryPolicy(RetryPolicies.noRetry())
                        .build()) {
            return client.getGroupManagementApi(RaftPeerId.valueOf(alias))
                    .info(ControllerRaft.GROUP_ID);
        }
    }
}
