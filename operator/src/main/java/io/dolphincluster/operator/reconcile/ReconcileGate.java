package io.dolphincluster.operator.reconcile;

import java.time.Duration;

/**
 * Admits reconciliations until the operator stops; then admits none and lets the stop wait for
 * those in flight. JOSDK's stop() stops the informers first and then interrupts the reconciliations
 * still running (at once with its default termination timeout): one caught there saw empty caches
 * and failing API calls, and wrote a status made of them (phase Pending, no certificates), which
 * the next operator wrote back. Closing this gate before JOSDK stops anything leaves every
 * reconciliation either finished with live caches or never started.
 */
public final class ReconcileGate {
    private int inFlight;
    private boolean closed;

    /** Whether a reconciliation may run; when true, {@link #exit()} must follow. */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        inFlight++;
        return true;
    }

    synchronized void exit() {
        inFlight--;
        if (inFlight == 0) {
            notifyAll();
        }
    }

    /**
     * Admits no more reconciliations and waits up to {@code timeout} for those in flight; whether
     * they all finished.
     */
    public synchronized boolean closeAndAwait(Duration timeout) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
