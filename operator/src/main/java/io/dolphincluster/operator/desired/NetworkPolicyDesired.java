package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.List;
import java.util.Map;

/**
 * The cluster's NetworkPolicy: the pods of the cluster reach each other on every port; anyone else
 * reaches only the client ports ({@link #clientPorts()}): the controllers' admin API and page, the
 * datanodes' data port and their HTTP port (health, readiness, metrics, probes). The Raft port is
 * for the cluster's own pods. Every client port still needs credentials; the policy keeps the
 * members' own traffic off the network's other tenants. Enforced only where the network plugin
 * implements NetworkPolicy.
 */
public final class NetworkPolicyDesired {

    private NetworkPolicyDesired() {}

    public static NetworkPolicy of(DolphinCluster cluster) {
        Names names = new Names(cluster);
        Map<String, String> members =
                Map.of(
                        Names.LABEL_INSTANCE,
                        names.cluster(),
                        Names.LABEL_MANAGED_BY,
                        Names.MANAGED_BY);
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(names.networkPolicy())
                .withNamespace(names.namespace())
                .withLabels(names.clusterLabels())
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(members)
                .endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .addNewFrom()
                .withNewPodSelector()
                .withMatchLabels(members)
                .endPodSelector()
                .endFrom()
                .endIngress()
                .addNewIngress()
                .withPorts(clientPorts())
                .endIngress()
                .endSpec()
                .build();
    }

    /** The ports anyone may reach: controller HTTP, datanode data and datanode HTTP. */
    static List<NetworkPolicyPort> clientPorts() {
        return List.of(
                port(Role.CONTROLLER.sitePort()),
                port(Role.DATANODE.sitePort()),
                port(Role.DATANODE.secondPort()));
    }

    private static NetworkPolicyPort port(int port) {
        return new NetworkPolicyPortBuilder()
                .withProtocol("TCP")
                .withPort(new IntOrString(port))
                .build();
    }
}
