package io.dolphincluster.runtime.controller;

import java.util.concurrent.ExecutorService;

/** The controller's background workers, closed together when it stops. */
record LeaderOnlyWork(LivenessMonitor liveness, RecoveryMonitor recovery, SecurityBootstrap security,
                      ExecutorService hashing) implements AutoCloseable {

    @Override
    public void close() {
        liveness.close();
        recovery.close();
        security.close();
        hashing.shutdownNow();
    }
}
