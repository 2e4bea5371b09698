package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

/** The ConfigMap mounted at /etc/dolphin in every pod: the seed's files for this cluster. */
public final class ConfigMapDesired {

    private ConfigMapDesired() {}

    public static ConfigMap of(DolphinCluster cluster) {
        return of(cluster, RoleSizes.of(cluster.specOrDefaults()));
    }

    public static ConfigMap of(DolphinCluster cluster, RoleSizes sizes) {
        Names names = new Names(cluster);
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(names.configMap())
                .withNamespace(names.namespace())
                .withLabels(names.clusterLabels())
                .endMetadata()
                .withData(new SeedFiles(names, cluster.specOrDefaults(), sizes).all())
                .build();
    }
}
