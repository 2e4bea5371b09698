package io.dolphincluster.e2e.harness.real;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterDnsTest {

    @Test
    void aClusterIpServiceResolvesToItsClusterIp() {
        String records =
                ClusterDns.records(List.of(service("web", "shop", "10.96.0.20")), List.of());

        assertThat(records).isEqualTo("10.96.0.20 web.shop.svc.cluster.local\n");
    }

    @Test
    void aJvmGetsEveryNameAlsoWithoutTheClusterDomain() {
        assertThat(
                        ClusterDns.withoutClusterDomain(
                                "10.244.1.2 a.demo.default.svc.cluster.local"
                                        + " demo.default.svc.cluster.local\n"))
                .isEqualTo(
                        "10.244.1.2 a.demo.default.svc.cluster.local"
                                + " demo.default.svc.cluster.local a.demo.default.svc"
                                + " demo.default.svc\n");
    }

    @Test
    void aHeadlessServiceResolvesToEveryAddressAndEachPodByItsHostname() {
        Endpoints endpoints =
                new EndpointsBuilder()
                        .withNewMetadata()
                        .withName("demo-controller")
                        .withNamespace("default")
                        .endMetadata()
                        .addNewSubset()
                        .addNewAddress()
                        .withIp("10.244.1.2")
                        .withHostname("demo-controller-0")
                        .endAddress()
                        .addNewAddress()
                        .withIp("10.244.2.3")
                        .withHostname("demo-controller-1")
                        .endAddress()
                        .endSubset()
                        .build();

        String records =
                ClusterDns.records(
                        List.of(service("demo-controller", "default", "None")), List.of(endpoints));

        assertThat(records)
                .isEqualTo(
                        """
                10.244.1.2 demo-controller-0.demo-controller.default.svc.cluster.local demo-controller.default.svc.cluster.local
                10.244.2.3 demo-controller-1.demo-controller.default.svc.cluster.local demo-controller.default.svc.cluster.local
                """);
    }

    @Test
    void endpointsOfAClusterIpServiceAddNoNames() {
        Endpoints endpoints =
                new EndpointsBuilder()
                        .withNewMetadata()
                        .withName("web")
                        .withNamespace("shop")
                        .endMetadata()
                        .addNewSubset()
                        .addNewAddress()
                        .withIp("10.244.1.9")
                        .withHostname("web-0")
                        .endAddress()
                        .endSubset()
                        .build();

        String records =
                ClusterDns.records(
                        List.of(service("web", "shop", "10.96.0.20")), List.of(endpoints));

        assertThat(records).isEqualTo("10.96.0.20 web.shop.svc.cluster.local\n");
    }

    private static Service service(String name, String namespace, String clusterIp) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withClusterIP(clusterIp)
                .endSpec()
                .build();
    }
}
