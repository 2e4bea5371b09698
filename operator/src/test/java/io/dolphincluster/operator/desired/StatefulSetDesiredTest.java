package io.dolphincluster.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.model.AdminCredentialsSpec;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.ExtraConfigSpec;
import io.dolphincluster.operator.model.PodMetadataSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatefulSetDesiredTest {

    @Test
    void controllersStartInParallelWithTheSeedCommandAndOwnVolumes() {
        StatefulSet sts = StatefulSetDesired.of(TestClusters.demo(), Role.CONTROLLER);

        assertThat(sts.getMetadata().getName()).isEqualTo("demo-controller");
        assertThat(sts.getSpec().getServiceName()).isEqualTo("demo-controller");
        assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(sts.getSpec().getReplicas()).isEqualTo(3);
        Container container = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getCommand())
                .containsExactly(
                        "/opt/dolphin/bin/dolphin",
                        "-console",
                        "1",
                        "-mode",
                        "controller",
                        "-home",
                        "/data",
                        "-config",
                        "/etc/dolphin/controller.cfg",
                        "-clusterConfig",
                        "/etc/dolphin/cluster.cfg",
                        "-logFile",
                        "/data/log/controller.log",
                        "-nodesFile",
                        "/etc/dolphin/cluster.nodes");
        assertThat(container.getPorts())
                .extracting(p -> p.getContainerPort() + "/" + p.getProtocol())
                .containsExactly("8900/TCP", "9900/TCP");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/api/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/api/health");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getIntVal())
                .isEqualTo(8900);
        assertThat(sts.getSpec().getVolumeClaimTemplates())
                .singleElement()
                .satisfies(
                        claim ->
                                assertThat(
                                                claim.getSpec()
                                                        .getResources()
                                                        .getRequests()
                                                        .get("storage")
                                                        .toString())
                                        .isEqualTo("1Gi"));
    }

    @Test
    void datanodesProbeTheirHttpPortAndServeDataOnTheSitePort() {
        Container container =
                StatefulSetDesired.of(TestClusters.demo(), Role.DATANODE)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0);

        assertThat(container.getCommand()).contains("datanode", "/etc/dolphin/datanode.cfg");
        assertThat(container.getPorts())
                .extracting(p -> p.getName() + "=" + p.getContainerPort())
                .containsExactly("data=8921", "http=9921");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getIntVal())
                .isEqualTo(9921);
        assertThat(container.getEnv())
                .extracting(EnvVar::getName)
                .doesNotContain("DOLPHIN_ADMIN_PASSWORD");
    }

    @Test
    void aSlowColdStartIsGivenMinutesBeforeTheLivenessProbeMayKillIt() {
        for (Role role : Role.values()) {
            Container container =
                    StatefulSetDesired.of(TestClusters.demo(), role)
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0);
            Probe startup = container.getStartupProbe();
            Probe liveness = container.getLivenessProbe();

            assertThat(startup.getHttpGet().getPath()).isEqualTo("/api/health");
            assertThat(startup.getHttpGet().getPort().getIntVal()).isEqualTo(role.healthPort());
            assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
                    .as("seconds to start")
                    .isGreaterThanOrEqualTo(300)
                    .isGreaterThan(liveness.getPeriodSeconds() * liveness.getFailureThreshold());
            assertThat(liveness.getInitialDelaySeconds())
                    .as("liveness waits for the startup probe, not a delay")
                    .isNull();
        }
    }

    @Test
    void podsPullTheSpecsImageWithTheSpecsPullSecrets() {
        DolphinCluster cluster = TestClusters.demo();
        cluster.getSpec().setImage("registry.example.com/team/dolphin:0.1.0");
        cluster.getSpec().setImagePullSecrets(List.of(new LocalObjectReference("regcred")));

        for (Role role : Role.values()) {
            PodSpec pod = StatefulSetDesired.of(cluster, role).getSpec().getTemplate().getSpec();
            assertThat(pod.getImagePullSecrets())
                    .extracting(LocalObjectReference::getName)
                    .containsExactly("regcred");
            assertThat(pod.getContainers().get(0).getImage())
                    .isEqualTo("registry.example.com/team/dolphin:0.1.0");
        }
        assertThat(
                        StatefulSetDesired.of(TestClusters.demo(), Role.DATANODE)
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getImagePullSecrets())
                .isNullOrEmpty();
    }

    @Test
    void stoppingPodsAreGivenTimeForAnOrderlyStopLongerForDatanodes() {
        DolphinCluster cluster = TestClusters.demo();
        assertThat(
                        StatefulSetDesired.of(cluster, Role.CONTROLLER)
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getTerminationGracePeriodSeconds())
                .isEqualTo(60L);
        assertThat(
                        StatefulSetDesired.of(cluster, Role.DATANODE)
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getTerminationGracePeriodSeconds())
                .isEqualTo(120L);

        cluster.getSpec().getDatanodes().setTerminationGracePeriodSeconds(600);
        assertThat(
                        StatefulSetDesired.of(cluster, Role.DATANODE)
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getTerminationGracePeriodSeconds())
                .isEqualTo(600L);
    }

    @Test
    void podsGetTheirIdentityFromTheDownwardApiAndThePasswordFromTheSecret() {
        Container container =
                StatefulSetDesired.of(TestClusters.demo(), Role.CONTROLLER)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0);

        assertThat(container.getEnv())
                .filteredOn(e -> e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null)
                .extracting(e -> e.getName() + "=" + e.getValueFrom().getFieldRef().getFieldPath())
                .containsExactly(
                        "POD_NAME=metadata.name",
                        "POD_NAMESPACE=metadata.namespace",
                        "NODE_NAME=spec.nodeName");
        assertThat(container.getEnv())
                .anySatisfy(
                        e ->
                                assertThat(e.getName() + "=" + e.getValue())
                                        .isEqualTo(
                                                "JAVA_TOOL_OPTIONS=-Dsun.net.inetaddr.ttl=5 -Dsun.net.inetaddr.negative.ttl=1"));
        EnvVar password =
                container.getEnv().stream()
                        .filter(e -> e.getName().equals("DOLPHIN_ADMIN_PASSWORD"))
                        .findFirst()
                        .orElseThrow();
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("demo-admin");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    }

    @Test
    void aReferencedSecretReplacesTheGeneratedOne() {
        DolphinCluster cluster = TestClusters.demo();
        AdminCredentialsSpec credentials = new AdminCredentialsSpec();
        credentials.setSecretName("mine");
        credentials.setKey("pw");
        cluster.getSpec().setAdminCredentials(credentials);

        assertThat(AdminPasswordRef.of(cluster))
                .isEqualTo(new AdminPasswordRef("mine", "pw", false));
    }

    @Test
    void scalingChangesNothingInThePodTemplate() {
        DolphinCluster three = TestClusters.demo();
        DolphinCluster five = TestClusters.demo();
        five.getSpec().getControllers().setReplicas(5);
        five.getSpec().getDatanodes().setReplicas(7);

        for (Role role : Role.values()) {
            PodTemplateSpec before = StatefulSetDesired.of(three, role).getSpec().getTemplate();
            PodTemplateSpec after = StatefulSetDesired.of(five, role).getSpec().getTemplate();
            assertThat(after).isEqualTo(before);
        }
    }

    @Test
    void aConfigChangeIsANewRevisionOfTheRoleItConcernsOnly() {
        DolphinCluster before = TestClusters.demo();
        DolphinCluster after = TestClusters.demo();
        ExtraConfigSpec config = new ExtraConfigSpec();
        config.setDatanode(java.util.Map.of("maxConnections", "512"));
        after.getSpec().setConfig(config);

        assertThat(StatefulSetDesired.of(after, Role.DATANODE).getSpec().getTemplate())
                .isNotEqualTo(StatefulSetDesired.of(before, Role.DATANODE).getSpec().getTemplate());
        assertThat(StatefulSetDesired.of(after, Role.CONTROLLER).getSpec().getTemplate())
                .isEqualTo(StatefulSetDesired.of(before, Role.CONTROLLER).getSpec().getTemplate());
    }

    @Test
    void theOperatorRestartsPodsItself() {
        for (Role role : Role.values()) {
            assertThat(
                            StatefulSetDesired.of(TestClusters.demo(), role)
                                    .getSpec()
                                    .getUpdateStrategy()
                                    .getType())
                    .isEqualTo("OnDelete");
        }
    }

    @Test
    void userPodLabelsAreAddedButCannotReplaceTheOperatorsOwn() {
        DolphinCluster cluster = TestClusters.demo();
        PodMetadataSpec overlay = new PodMetadataSpec();
        overlay.setLabels(Map.of("team", "db", "app.kubernetes.io/instance", "other"));
        overlay.setAnnotations(Map.of("prometheus.io/scrape", "true"));
        cluster.getSpec().setPodMetadata(overlay);

        PodTemplateSpec template =
                StatefulSetDesired.of(cluster, Role.DATANODE).getSpec().getTemplate();

        assertThat(template.getMetadata().getLabels())
                .containsEntry("team", "db")
                .containsEntry("app.kubernetes.io/instance", "demo");
        assertThat(template.getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true");
    }
}
