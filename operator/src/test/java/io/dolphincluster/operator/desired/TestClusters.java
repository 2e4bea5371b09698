package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Clusters for tests: "demo" in namespace "db" with the spec's defaults. */
public final class TestClusters {

    private TestClusters() {}

    public static DolphinCluster demo() {
        DolphinCluster cluster = new DolphinCluster();
        cluster.setSpec(new io.dolphincluster.operator.model.DolphinClusterSpec());
        cluster.setMetadata(
                new ObjectMetaBuilder()
                        .withName("demo")
                        .withNamespace("db")
                        .withGeneration(1L)
                        .build());
        return cluster;
    }
}
