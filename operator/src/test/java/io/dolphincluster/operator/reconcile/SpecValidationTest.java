package io.dolphincluster.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.desired.TestClusters;
import io.dolphincluster.operator.model.DolphinClusterSpec;
import io.dolphincluster.operator.model.ExtraConfigSpec;
import io.dolphincluster.operator.model.TuningSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecValidationTest {

    private static DolphinClusterSpec defaults() {
        return TestClusters.demo().getSpec();
    }

    @Test
    void theDefaultSpecIsValid() {
        assertThat(SpecValidation.problems(defaults())).isEmpty();
    }

    @Test
    void anEvenControllerCountIsRefusedWithTheReason() {
        DolphinClusterSpec spec = defaults();
        spec.getControllers().setReplicas(4);

        assertThat(SpecValidation.problems(spec))
                .singleElement()
                .asString()
                .contains("spec.controllers.replicas is 4", "odd");
    }

    @Test
    void oddCountsFromOneToSevenAreAccepted() {
        for (int n : new int[] {1, 3, 5, 7}) {
            DolphinClusterSpec spec = defaults();
            spec.getControllers().setReplicas(n);
            assertThat(SpecValidation.problems(spec)).as("controllers=%d", n).isEmpty();
        }
        DolphinClusterSpec nine = defaults();
        nine.getControllers().setReplicas(9);
        assertThat(SpecValidation.problems(nine)).hasSize(1);
    }

    @Test
    void aFactorAboveTheDatanodeCountIsRefused() {
        DolphinClusterSpec spec = defaults();
        spec.getReplication().setFactor(3);
        spec.getDatanodes().setReplicas(2);

        assertThat(SpecValidation.problems(spec))
                .singleElement()
                .asString()
                .contains("spec.replication.factor is 3 but there are only 2 datanodes");
    }

    @Test
    void levelAndSizesOutsideTheirRangesAreRefused() {
        DolphinClusterSpec spec = defaults();
        spec.getReplication().setReliabilityLevel(3);
        spec.getControllers().getStorage().setSize("0Gi");
        spec.getDatanodes().getStorage().setSize("lots");

        assertThat(SpecValidation.problems(spec))
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("reliabilityLevel is 3"))
                .anySatisfy(p -> assertThat(p).contains("spec.controllers.storage.size is '0Gi'"))
                .anySatisfy(p -> assertThat(p).contains("spec.datanodes.storage.size is 'lots'"));
    }

    @Test
    void aPodMustBeGivenTimeToStop() {
        DolphinClusterSpec spec = defaults();
        spec.getDatanodes().setTerminationGracePeriodSeconds(0);

        assertThat(SpecValidation.problems(spec))
                .singleElement()
                .asString()
                .contains("spec.datanodes.terminationGracePeriodSeconds is 0");
    }

    @Test
    void electionTimeoutsMustBeOrdered() {
        DolphinClusterSpec spec = defaults();
        TuningSpec tuning = new TuningSpec();
        tuning.setElectionTimeoutMinMillis(2000);
        tuning.setElectionTimeoutMaxMillis(1000);
        spec.setTuning(tuning);

        assertThat(SpecValidation.problems(spec))
                .singleElement()
                .asString()
                .contains("electionTimeoutMinMillis");
    }

    @Test
    void extraConfigMayNotOverrideOwnedKeysNorInjectLines() {
        DolphinClusterSpec spec = defaults();
        ExtraConfigSpec extra = new ExtraConfigSpec();
        extra.setController(Map.of("dfsReplicationFactor", "3"));
        extra.setCluster(Map.of("maxMemSize", "8\nlocalSite=evil"));
        extra.setDatanode(Map.of("bad key", "1"));
        spec.setConfig(extra);

        assertThat(SpecValidation.problems(spec))
                .hasSize(3)
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains("'dfsReplicationFactor' is set by the operator"))
                .anySatisfy(p -> assertThat(p).contains("value of 'maxMemSize' must be one line"))
                .anySatisfy(p -> assertThat(p).contains("'bad key' is not a config key"));
    }
}
