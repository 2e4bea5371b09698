package io.dolphincluster.operator.model.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Puts a CRD's printer columns in the order the resource class declares its {@link
 * AdditionalPrinterColumn} annotations ({@code kubectl get} shows them so). Fabric8's generator
 * sorts them by JSON path, which put AGE first. A column the class does not declare goes last.
 */
final class PrinterColumnOrder implements CRDPostProcessor {
    private final List<String> names;

    private PrinterColumnOrder(List<String> names) {
        this.names = names;
    }

    static PrinterColumnOrder of(Class<?> resource) {
        return new PrinterColumnOrder(
                Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
                        .map(AdditionalPrinterColumn::name)
                        .toList());
    }

    @Override
    public HasMetadata process(HasMetadata crd, String crdVersion) {
        for (CustomResourceDefinitionVersion version :
                ((CustomResourceDefinition) crd).getSpec().getVersions()) {
            List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
            if (columns != null) {
                columns.sort(Comparator.comparingInt(this::rank));
            }
        }
        return crd;
    }

    private int rank(CustomResourceColumnDefinition column) {
        int index = names.indexOf(column.getName());
        return index < 0 ? names.size() : index;
    }
}
