package io.dolphincluster.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** JOSDK metrics that count finished reconciles per resource name, so a test can wait for one. */
public class ReconcileCounter implements Metrics {
    private final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();

    @Override
    public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
        finished.computeIfAbsent(resource.getMetadata().getName(), k -> new AtomicInteger())
                .incrementAndGet();
    }

    public int finished(String name) {
        AtomicInteger count = finished.get(name);
        return count == null ? 0 : count.get();
    }
}
