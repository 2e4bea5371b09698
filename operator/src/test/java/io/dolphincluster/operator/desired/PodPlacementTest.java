package io.dolphincluster.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.model.AntiAffinity;
import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import org.junit.jupiter.api.Test;

class PodPlacementTest {

    private static Affinity datanodeAffinityAtLevel(int level) {
        DolphinCluster cluster = TestClusters.demo();
        cluster.getSpec().getReplication().setReliabilityLevel(level);
        return new PodPlacement(new Names(cluster), cluster.getSpec()).affinity(Role.DATANODE);
    }

    @Test
    void levelOneRequiresDatanodesOnDistinctNodes() {
        Affinity affinity = datanodeAffinityAtLevel(1);

        assertThat(
                        affinity.getPodAntiAffinity()
                                .getPreferredDuringSchedulingIgnoredDuringExecution())
                .isEmpty();
        PodAffinityTerm term =
                affinity.getPodAntiAffinity()
                        .getRequiredDuringSchedulingIgnoredDuringExecution()
                        .get(0);
        assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(term.getLabelSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/instance", "demo")
                .containsEntry("app.kubernetes.io/component", "datanode");
    }

    @Test
    void levelTwoPrefersDistinctNodes() {
        Affinity affinity = datanodeAffinityAtLevel(2);

        assertThat(
                        affinity.getPodAntiAffinity()
                                .getRequiredDuringSchedulingIgnoredDuringExecution())
                .isEmpty();
        assertThat(
                        affinity.getPodAntiAffinity()
                                .getPreferredDuringSchedulingIgnoredDuringExecution())
                .singleElement()
                .satisfies(
                        p ->
                                assertThat(p.getPodAffinityTerm().getTopologyKey())
                                        .isEqualTo("kubernetes.io/hostname"));
    }

    @Test
    void levelZeroLetsDatanodesShareANode() {
        assertThat(datanodeAffinityAtLevel(0)).isNull();
    }

    @Test
    void controllersAreAlwaysRequiredOnDistinctNodes() {
        for (int level = 0; level <= 2; level++) {
            DolphinCluster cluster = TestClusters.demo();
            cluster.getSpec().getReplication().setReliabilityLevel(level);
            Affinity affinity =
                    new PodPlacement(new Names(cluster), cluster.getSpec())
                            .affinity(Role.CONTROLLER);
            assertThat(
                            affinity.getPodAntiAffinity()
                                    .getRequiredDuringSchedulingIgnoredDuringExecution())
                    .singleElement()
                    .satisfies(
                            t ->
                                    assertThat(t.getLabelSelector().getMatchLabels())
                                            .containsEntry(
                                                    "app.kubernetes.io/component", "controller"));
        }
    }

    @Test
    void controllersMayBeAskedOnlyToPreferDistinctNodesForAClusterWithFewerNodes() {
        DolphinCluster cluster = TestClusters.demo();
        cluster.getSpec().getPlacement().setControllerAntiAffinity(AntiAffinity.Preferred);

        Affinity affinity =
                new PodPlacement(new Names(cluster), cluster.getSpec()).affinity(Role.CONTROLLER);

        assertThat(
                        affinity.getPodAntiAffinity()
                                .getRequiredDuringSchedulingIgnoredDuringExecution())
                .isEmpty();
        assertThat(
                        affinity.getPodAntiAffinity()
                                .getPreferredDuringSchedulingIgnoredDuringExecution())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.getPodAffinityTerm().getTopologyKey())
                                    .isEqualTo("kubernetes.io/hostname");
                            assertThat(p.getPodAffinityTerm().getLabelSelector().getMatchLabels())
                                    .containsEntry("app.kubernetes.io/component", "controller");
                        });
    }

    @Test
    void preferredControllersLeaveLevelOneDatanodesRequiredOnDistinctNodes() {
        DolphinCluster cluster = TestClusters.demo();
        cluster.getSpec().getPlacement().setControllerAntiAffinity(AntiAffinity.Preferred);
        cluster.getSpec().getReplication().setReliabilityLevel(1);

        Affinity affinity =
                new PodPlacement(new Names(cluster), cluster.getSpec()).affinity(Role.DATANODE);

        assertThat(
                        affinity.getPodAntiAffinity()
                                .getRequiredDuringSchedulingIgnoredDuringExecution())
                .singleElement()
                .satisfies(
                        t ->
                                assertThat(t.getLabelSelector().getMatchLabels())
                                        .containsEntry("app.kubernetes.io/component", "datanode"));
    }

    @Test
    void requiredIsTheDefaultForControllers() {
        assertThat(TestClusters.demo().getSpec().getPlacement().getControllerAntiAffinity())
                .isEqualTo(AntiAffinity.Required);
    }

    @Test
    void zoneSpreadingOnlyWhenAskedAndOnlyBestEffort() {
        DolphinCluster cluster = TestClusters.demo();
        PodPlacement placement = new PodPlacement(new Names(cluster), cluster.getSpec());
        assertThat(placement.zoneSpread(Role.DATANODE)).isNull();

        cluster.getSpec().getPlacement().setSpreadAcrossZones(true);
        assertThat(placement.zoneSpread(Role.DATANODE))
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
                            assertThat(c.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
                        });
    }
}
