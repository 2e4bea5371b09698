package io.dolphincluster.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a condition list in metav1.Condition shape that keeps each condition's lastTransitionTime
 * while its status stays the same, so an unchanged cluster yields an identical list.
 */
final class Conditions {
    private final List<Condition> previous;
    private final long generation;
    private final String now;
    private final List<Condition> next = new ArrayList<>();

    Conditions(List<Condition> previous, long generation, String now) {
        this.previous = previous == null ? List.of() : previous;
        this.generation = generation;
        this.now = now;
    }

    Conditions set(String type, boolean status, String reason, String message) {
        String value = status ? "True" : "False";
        String since =
                previous.stream()
                        .filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
                        .map(Condition::getLastTransitionTime)
                        .findFirst()
                        .orElse(now);
        next.add(
                new ConditionBuilder()
                        .withType(type)
                        .withStatus(value)
                        .withReason(reason)
                        .withMessage(message)
                        .withObservedGeneration(generation)
                        .withLastTransitionTime(since)
                        .build());
        return this;
    }

    List<Condition> list() {
        return next;
    }
}
