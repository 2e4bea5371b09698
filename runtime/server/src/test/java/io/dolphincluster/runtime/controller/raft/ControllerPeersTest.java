package io.dolphincluster.runtime.controller.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.config.Site;
import org.apache.ratis.protocol.RaftPeer;
import org.junit.jupiter.api.Test;

class ControllerPeersTest {

    @Test
    void peerOfUsesTheAliasAsIdAndAddsTheOffsetToThePort() {
        RaftPeer peer = new ControllerPeers(1000).peerOf(new Site("10.1.1.3", 8900, "controller2"));

        assertThat(peer.getId().toString()).isEqualTo("controller2");
        assertThat(peer.getAddress()).isEqualTo("10.1.1.3:9900");
    }

    @Test
    void siteOfSubtractsTheOffsetAgain() {
        ControllerPeers peers = new ControllerPeers(1000);
        RaftPeer peer =
                RaftPeer.newBuilder().setId("controller3").setAddress("10.1.1.5:9900").build();

        assertThat(peers.siteOf(peer)).isEqualTo("10.1.1.5:8900");
    }

    @Test
    void siteOfPeerOfRoundTripsToTheSitesHostPort() {
        ControllerPeers peers = new ControllerPeers(1000);
        Site site = new Site("10.1.1.1", 8900, "controller1");

        assertThat(peers.siteOf(peers.peerOf(site)))
                .isEqualTo(site.hostPort())
                .isEqualTo("10.1.1.1:8900");
    }

    @Test
    void roundTripWorksWithANegativeOffsetAndAHostName() {
        ControllerPeers peers = new ControllerPeers(-100);
        Site site = new Site("controller-1.dolphin.svc", 8900, "controller1");

        RaftPeer peer = peers.peerOf(site);

        assertThat(peer.getAddress()).isEqualTo("controller-1.dolphin.svc:8800");
        assertThat(peers.siteOf(peer)).isEqualTo("controller-1.dolphin.svc:8900");
    }

    @Test
    void peersWithDifferentOffsetsDisagreeOnTheSite() {
        RaftPeer peer = new ControllerPeers(1000).peerOf(new Site("10.1.1.1", 8900, "controller1"));

        assertThat(new ControllerPeers(2000).siteOf(peer)).isEqualTo("10.1.1.1:7900");
    }
}
