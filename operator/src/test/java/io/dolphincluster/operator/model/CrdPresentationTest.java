package io.dolphincluster.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code kubectl get dolphinclusters} and {@code kubectl explain dolphincluster} show, read
 * from crds/.
 */
class CrdPresentationTest {
    private static CustomResourceDefinitionVersion version;

    @BeforeAll
    static void readCrd() throws IOException {
        try (InputStream in =
                Files.newInputStream(Path.of("../crds/dolphinclusters.dolphincluster.io-v1.yml"))) {
            version =
                    Serialization.unmarshal(in, CustomResourceDefinition.class)
                            .getSpec()
                            .getVersions()
                            .get(0);
        }
    }

    @Test
    void columnsComeInTheOrderUsersExpectWithAgeLast() {
        assertThat(version.getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName)
                .containsExactly("Phase", "Leader", "Controllers", "Datanodes", "RF", "Age");
    }

    @Test
    void theKindItsSpecAndItsStatusAreDescribed() {
        JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();

        assertThat(root.getDescription())
                .startsWith("A highly available DolphinDB-style database cluster");
        assertThat(root.getProperties().get("spec").getDescription())
                .startsWith("The cluster the user asks for");
        assertThat(root.getProperties().get("status").getDescription())
                .startsWith("What the operator observed");
    }
}
