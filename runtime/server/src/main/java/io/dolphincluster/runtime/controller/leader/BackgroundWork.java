package io.dolphincluster.runtime.controller.leader;

import java.util.concurrent.ExecutorService;

/**
 * The controller's background workers (leader-only monitors, failure probes, password hashing),
 * closed together when it stops.
 */
public record BackgroundWork(
        LivenessMonitor liveness,
        RecoveryMonitor recovery,
        SecurityBootstrap security,
        FailureReports failureReports,
        ExecutorService hashing)
        implements AutoCloseable {

    @Override
    public void close() {
        liveness.close();
        recovery.close();
        security.close();
        failureReports.close();
        hashing.shutdownNow();
    }
}
