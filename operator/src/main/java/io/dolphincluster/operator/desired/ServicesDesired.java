package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;

/**
 * The Services of a cluster: one headless Service per role that gives every pod its stable DNS name
 * (published before the pod is ready, so Raft peers find each other while they start), and a client
 * Service in front of the datanodes. Ports carry protocol TCP: server-side apply keys port lists on
 * port and protocol.
 */
public final class ServicesDesired {

    private ServicesDesired() {}

    public static Service headless(DolphinCluster cluster, Role role) {
        Names names = new Names(cluster);
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(names.of(role))
                .withNamespace(names.namespace())
                .withLabels(names.roleLabels(role))
                .endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(names.selector(role))
                .withPorts(ports(role))
                .endSpec()
                .build();
    }

    /** Where clients connect: the datanodes' data protocol port, only on ready pods. */
    public static Service client(DolphinCluster cluster) {
        Names names = new Names(cluster);
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(names.clientService())
                .withNamespace(names.namespace())
                .withLabels(names.clusterLabels())
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(names.selector(Role.DATANODE))
                .withPorts(port("data", Role.DATANODE.sitePort()))
                .endSpec()
                .build();
    }

    static List<ServicePort> ports(Role role) {
        if (role == Role.CONTROLLER) {
            return List.of(port("http", role.sitePort()), port("raft", role.secondPort()));
        }
        return List.of(port("data", role.sitePort()), port("http", role.secondPort()));
    }

    private static ServicePort port(String name, int port) {
        return new ServicePortBuilder()
                .withName(name)
                .withPort(port)
                .withTargetPort(new IntOrString(port))
                .withProtocol("TCP")
                .build();
    }
}
