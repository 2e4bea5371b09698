package io.dolphincluster.runtime.controller.raft;

/** Leader-only work (failure detection, later re-replication) starts and stops through this. */
public interface LeadershipListener {

    /**
     * This controller is leader of {@code term} and has committed an entry of its term: it may act.
     */
    void onLeaderReady(long term);

    /** This controller is no longer leader; stop leader-only work at once. */
    void onNotLeader();
}
