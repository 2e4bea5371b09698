package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.model.Defaults;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The images' names have one source, the root pom's images.* properties, which Jib builds: the
 * operator's default spec.image, the operator image of manifests/20-operator.yaml and of the chart
 * must be those names.
 */
class ImageNamesTest {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    /** The root pom's properties, with ${...} references to each other resolved. */
    private static Map<String, String> rootPomProperties() throws Exception {
        var document =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(Path.of("../pom.xml").toFile());
        Element properties =
                (Element) document.getDocumentElement().getElementsByTagName("properties").item(0);
        Map<String, String> raw = new HashMap<>();
        NodeList children = properties.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element element) {
                raw.put(element.getTagName(), element.getTextContent().trim());
            }
        }
        Map<String, String> resolved = new HashMap<>();
        raw.keySet().forEach(key -> resolved.put(key, resolve(raw.get(key), raw)));
        return resolved;
    }

    private static String resolve(String value, Map<String, String> raw) {
        Matcher matcher = PROPERTY.matcher(value);
        return matcher.replaceAll(
                m ->
                        Matcher.quoteReplacement(
                                raw.containsKey(m.group(1))
                                        ? resolve(raw.get(m.group(1)), raw)
                                        : m.group()));
    }

    @Test
    void jibBuildsTheImagesTheRootPomNames() throws IOException {
        assertThat(Files.readString(Path.of("../runtime/server/pom.xml")))
                .contains("<image>${images.runtime}</image>");
        assertThat(Files.readString(Path.of("pom.xml")))
                .contains("<image>${images.operator}</image>");
    }

    @Test
    void theDefaultSpecImageIsTheRuntimeImageJibBuilds() throws Exception {
        assertThat(Defaults.IMAGE).isEqualTo(rootPomProperties().get("images.runtime"));
    }

    @Test
    void theManifestAndTheChartRunTheOperatorImageJibBuilds() throws Exception {
        String operatorImage = rootPomProperties().get("images.operator");
        Deployment deployment =
                OperatorDeploymentManifestTest.load(
                        "../manifests/20-operator.yaml", Deployment.class);
        Map<?, ?> chart =
                OperatorDeploymentManifestTest.load(
                        "../charts/dolphincluster-operator/Chart.yaml", Map.class);
        Map<?, ?> values =
                OperatorDeploymentManifestTest.load(
                        "../charts/dolphincluster-operator/values.yaml", Map.class);
        Map<?, ?> image = (Map<?, ?>) values.get("image");
        String tag =
                image.get("tag") == null || image.get("tag").toString().isEmpty()
                        ? chart.get("appVersion").toString()
                        : image.get("tag").toString();

        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(operatorImage);
        assertThat(image.get("repository") + ":" + tag).as("chart image").isEqualTo(operatorImage);
    }
}
