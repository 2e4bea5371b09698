package io.dolphincluster.operator.model.crd;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.CustomResource;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Gives the CRD's schema the {@link JsonClassDescription}s of the resource class (the kind: {@code
 * kubectl explain dolphincluster}) and of its spec and status classes ({@code kubectl explain
 * dolphincluster.spec}). Fabric8's generator takes descriptions from properties only, and {@code
 * spec} and {@code status} are properties of {@link CustomResource}, which the model cannot
 * annotate.
 */
final class ClassDescriptions implements CRDPostProcessor {
    private final String kind;
    private final String spec;
    private final String status;

    private ClassDescriptions(String kind, String spec, String status) {
        this.kind = kind;
        this.spec = spec;
        this.status = status;
    }

    static ClassDescriptions of(Class<? extends CustomResource<?, ?>> resource) {
        Type[] specAndStatus =
                ((ParameterizedType) resource.getGenericSuperclass()).getActualTypeArguments();
        return new ClassDescriptions(
                description(resource),
                description((Class<?>) specAndStatus[0]),
                description((Class<?>) specAndStatus[1]));
    }

    private static String description(Class<?> type) {
        JsonClassDescription description = type.getAnnotation(JsonClassDescription.class);
        if (description == null) {
            throw new IllegalStateException(
                    type.getName() + " has no @JsonClassDescription for the CRD");
        }
        return description.value();
    }

    @Override
    public HasMetadata process(HasMetadata crd, String crdVersion) {
        for (CustomResourceDefinitionVersion version :
                ((CustomResourceDefinition) crd).getSpec().getVersions()) {
            JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
            root.setDescription(kind);
            root.getProperties().get("spec").setDescription(spec);
            root.getProperties().get("status").setDescription(status);
        }
        return crd;
    }
}
