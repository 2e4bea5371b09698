package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The RBAC of {@code manifests/10-rbac.yaml} and of the Helm chart's {@code templates/rbac.yaml}
 * are two copies of one set of rules (the manifest says why each verb is there); this fails when
 * they drift apart. Compared by meaning: the order of rules, verbs and resources and the chart's
 * labels do not count.
 */
class RbacCopiesIT {
    private static final String NAMESPACE = "dolphincluster-system";

    @Test
    void withDefaultValuesTheChartGrantsWhatTheManifestGrants() throws Exception {
        Map<String, String> manifest = rbac(Files.readString(Path.of("../manifests/10-rbac.yaml")));
        Map<String, String> chart = rbac(ChartRendering.render(NAMESPACE));

        assertThat(chart)
                .as("the chart's RBAC objects (kind/namespace/name -> rules, roleRef, subjects)")
                .containsExactlyInAnyOrderEntriesOf(manifest);
    }

    @Test
    void aWatchedNamespaceGetsTheClusterRoleAndTheSecretsRulesInOneRole() throws Exception {
        Map<String, String> manifest = rbac(Files.readString(Path.of("../manifests/10-rbac.yaml")));
        Path values = Files.createTempFile("values", ".yaml");
        try {
            Files.writeString(values, "watchNamespaces: [team-a]\n");
            Map<String, String> chart =
                    rbac(ChartRendering.render(NAMESPACE, "-f", values.toString()));

            TreeSet<String> expected = new TreeSet<>();
            expected.addAll(rulesOf(manifest.get("ClusterRole//dolphincluster-operator")));
            expected.addAll(rulesOf(manifest.get("ClusterRole//dolphincluster-operator-secrets")));
            assertThat(rulesOf(chart.get("Role/team-a/dolphincluster-operator")))
                    .containsExactlyElementsOf(expected);
        } finally {
            Files.deleteIfExists(values);
        }
    }

    /**
     * Every Role, ClusterRole and binding of a YAML stream, by kind/namespace/name, in a canonical
     * text.
     */
    private static Map<String, String> rbac(String yaml) throws IOException {
        Map<String, String> objects = new TreeMap<>();
        for (HasMetadata item : items(yaml)) {
            String key =
                    item.getKind()
                            + "/"
                            + Objects.toString(item.getMetadata().getNamespace(), "")
                            + "/"
                            + item.getMetadata().getName();
            if (item instanceof ClusterRole role) {
                objects.put(key, rules(role.getRules()));
            } else if (item instanceof Role role) {
                objects.put(key, rules(role.getRules()));
            } else if (item instanceof ClusterRoleBinding binding) {
                objects.put(key, binding(binding.getRoleRef(), binding.getSubjects()));
            } else if (item instanceof RoleBinding binding) {
                objects.put(key, binding(binding.getRoleRef(), binding.getSubjects()));
            }
        }
        return objects;
    }

    private static List<HasMetadata> items(String yaml) throws IOException {
        try (ByteArrayInputStream in =
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))) {
            Object parsed = new KubernetesSerialization().unmarshal(in);
            if (parsed instanceof List<?> list) {
                List<HasMetadata> items = new ArrayList<>();
                list.forEach(item -> items.add((HasMetadata) item));
                return items;
            }
            return List.of((HasMetadata) parsed);
        }
    }

    private static String rules(List<PolicyRule> rules) {
        TreeSet<String> canonical = new TreeSet<>();
        for (PolicyRule rule : rules) {
            canonical.add(
                    "groups="
                            + new TreeSet<>(rule.getApiGroups())
                            + " resources="
                            + new TreeSet<>(rule.getResources())
                            + " names="
                            + new TreeSet<>(rule.getResourceNames())
                            + " urls="
                            + new TreeSet<>(rule.getNonResourceURLs())
                            + " verbs="
                            + new TreeSet<>(rule.getVerbs()));
        }
        return String.join("\n", canonical);
    }

    private static List<String> rulesOf(String canonical) {
        assertThat(canonical).as("a role of that name").isNotNull();
        return List.of(canonical.split("\n"));
    }

    private static String binding(RoleRef roleRef, List<Subject> subjects) {
        TreeSet<String> canonical = new TreeSet<>();
        for (Subject subject : subjects) {
            canonical.add(
                    subject.getKind() + "/" + subject.getNamespace() + "/" + subject.getName());
        }
        return "roleRef=" + roleRef.getKind() + "/" + roleRef.getName() + " subjects=" + canonical;
    }
}
