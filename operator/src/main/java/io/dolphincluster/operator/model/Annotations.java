package io.dolphincluster.operator.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/** Reads one annotation of a resource that may lack metadata or annotations altogether. */
public final class Annotations {
    private Annotations() {}

    /** The value of annotation {@code key} on {@code resource} (which may be null), if set. */
    public static Optional<String> value(HasMetadata resource, String key) {
        if (resource == null || resource.getMetadata() == null) {
            return Optional.empty();
        }
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? Optional.empty() : Optional.ofNullable(annotations.get(key));
    }
}
