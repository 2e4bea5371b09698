package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.runtime.config.Site;
import org.apache.ratis.protocol.RaftPeer;

/**
 * Maps between a controller's admin site ({@code host:port}, its alias) and its Raft peer: the peer
 * id is the alias and the Raft port is the site's port plus the cluster-wide {@code
 * raftPortOffset}.
 */
public record ControllerPeers(int raftPortOffset) {

    public RaftPeer peerOf(Site site) {
        return RaftPeer.newBuilder()
                .setId(site.alias())
                .setAddress(site.host() + ":" + (site.port() + raftPortOffset))
                .build();
    }

    /** The admin site ({@code host:port}) of a peer, for redirects and status. */
    public String siteOf(RaftPeer peer) {
        String address = peer.getAddress();
        int colon = address.lastIndexOf(':');
        int raftPort = Integer.parseInt(address.substring(colon + 1));
        return address.substring(0, colon) + ":" + (raftPort - raftPortOffset);
    }
}
