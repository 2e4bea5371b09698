package io.dolphincluster.operator.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Owner references for what the operator creates outside JOSDK's dependent resources. */
public final class Owners {
    private Owners() {}

    /**
     * {@code owner} as the controller of a resource: Kubernetes' garbage collector deletes the
     * resource with it, and foreground deletion of the owner waits for it.
     */
    public static OwnerReference controllerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
