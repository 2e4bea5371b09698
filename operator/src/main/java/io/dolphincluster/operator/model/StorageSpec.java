package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** One PersistentVolumeClaim per pod, mounted at /data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageSpec {

    /** A positive Kubernetes quantity: digits (not all zero), optional fraction, optional unit. */
    public static final String POSITIVE_QUANTITY =
            "^([1-9][0-9]*(\\.[0-9]+)?|0\\.[0-9]*[1-9][0-9]*)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$";

    @JsonPropertyDescription("Size of the volume, a positive quantity such as 10Gi.")
    @Pattern(POSITIVE_QUANTITY)
    @Default(Defaults.STORAGE_SIZE)
    private String size = Defaults.STORAGE_SIZE;

    @JsonPropertyDescription("StorageClass of the volume; unset uses the cluster's default class.")
    private String storageClassName;

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }
}
