package io.dolphincluster.operator;

import io.dolphincluster.operator.reconcile.ReconcileGate;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JOSDK's Operator whose stop() first lets the reconciliations in flight finish while the informers
 * still run, and starts no new one ({@link ReconcileGate}); then JOSDK stops as usual.
 */
final class DrainingOperator extends Operator {
    private static final Logger LOG = LoggerFactory.getLogger(DrainingOperator.class);

    /** How long stop() waits for the reconciliations in flight; their calls have timeouts. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final ReconcileGate gate;

    DrainingOperator(Consumer<ConfigurationServiceOverrider> overrider, ReconcileGate gate) {
        super(overrider);
        this.gate = gate;
    }

    @Override
    public void stop() {
        try {
            if (!gate.closeAndAwait(DRAIN_TIMEOUT)) {
                LOG.warn(
                        "[operator] a reconciliation still runs after {} s; stopping anyway",
                        DRAIN_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.stop();
    }
}
