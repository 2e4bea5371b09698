package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.e2e.harness.LocalControlPlane;
import io.dolphincluster.e2e.harness.LocalControlPlaneExtension;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Helm chart rendered without helm ({@link ChartRendering}) and applied to a real API server,
 * with default values and with per-namespace watching.
 */
class HelmChartIT {
    @RegisterExtension
    static final LocalControlPlaneExtension KUBE =
            new LocalControlPlaneExtension(LocalControlPlane.Options.apiServerOnly());

    private static List<HasMetadata> apply(KubernetesClient client, String yaml) {
        List<HasMetadata> items =
                client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                        .items();
        items.forEach(item -> client.resource(item).serverSideApply());
        return items;
    }

    private static void namespace(KubernetesClient client, String name) {
        client.resource(
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .endMetadata()
                                .build())
                .serverSideApply();
    }

    @Test
    void withDefaultValuesItInstallsTheCrdClusterWideRbacAndTheDeployment() throws Exception {
        KubernetesClient client = KUBE.client();
        namespace(client, "operators");

        List<HasMetadata> applied = apply(client, ChartRendering.render("operators"));

        assertThat(applied)
                .extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder(
                        "CustomResourceDefinition",
                        "Deployment",
                        "ClusterRole",
                        "ClusterRoleBinding",
                        "ClusterRole",
                        "RoleBinding",
                        "Role",
                        "RoleBinding",
                        "ServiceAccount");
        PodSpec operatorPod =
                client.apps()
                        .deployments()
                        .inNamespace("operators")
                        .withName("dolphincluster-operator")
                        .get()
                        .getSpec()
                        .getTemplate()
                        .getSpec();
        assertThat(operatorPod.getServiceAccountName()).isEqualTo("dolphincluster-operator");
        RestrictedPodSecurity.check(operatorPod);
        assertThat(
                        client.rbac()
                                .clusterRoles()
                                .withName("dolphincluster-operator")
                                .get()
                                .getRules())
                .isNotEmpty()
                .noneSatisfy(rule -> assertThat(rule.getResources()).contains("secrets"));
        assertThat(
                        client.rbac()
                                .roleBindings()
                                .inNamespace("default")
                                .withName("dolphincluster-operator-secrets")
                                .get()
                                .getRoleRef()
                                .getName())
                .as("Secrets only where clusters live")
                .isEqualTo("dolphincluster-operator-secrets");
    }

    @Test
    void watchedNamespacesGetRolesInsteadOfAClusterRoleAndPullSecretsArePassedOn()
            throws Exception {
        KubernetesClient client = KUBE.client();
        for (String name : List.of("ops", "team-a", "team-b")) {
            namespace(client, name);
        }
        Path values = Files.createTempFile("values", ".yaml");
        Files.writeString(
                values,
                "watchNamespaces: [team-a, team-b]\nreplicas: 1\nimagePullSecrets: [{name: regcred}]\n");
        try {
            List<HasMetadata> applied =
                    apply(client, ChartRendering.render("ops", "-f", values.toString()));

            assertThat(applied)
                    .extracting(HasMetadata::getKind)
                    .doesNotContain("ClusterRole", "ClusterRoleBinding");
            assertThat(
                            client.rbac()
                                    .roles()
                                    .inNamespace("team-b")
                                    .withName("dolphincluster-operator")
                                    .get())
                    .isNotNull();
            PodSpec operatorPod =
                    client.apps()
                            .deployments()
                            .inNamespace("ops")
                            .withName("dolphincluster-operator")
                            .get()
                            .getSpec()
                            .getTemplate()
                            .getSpec();
            assertThat(operatorPod.getContainers().get(0).getEnv())
                    .anySatisfy(
                            env ->
                                    assertThat(env.getName() + "=" + env.getValue())
                                            .isEqualTo("WATCH_NAMESPACES=team-a,team-b"));
            assertThat(operatorPod.getImagePullSecrets())
                    .extracting(s -> s.getName())
                    .containsExactly("regcred");
        } finally {
            Files.deleteIfExists(values);
        }
    }
}
