package io.dolphincluster.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

class ServicesDesiredTest {

    @Test
    void headlessServicesPublishPodsBeforeTheyAreReady() {
        Service service = ServicesDesired.headless(TestClusters.demo(), Role.CONTROLLER);

        assertThat(service.getMetadata().getName()).isEqualTo("demo-controller");
        assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(service.getSpec().getPorts())
                .extracting(p -> p.getName() + ":" + p.getPort() + "/" + p.getProtocol())
                .containsExactly("http:8900/TCP", "raft:9900/TCP");
    }

    @Test
    void theClientServiceLeadsToTheDatanodesDataPort() {
        Service service = ServicesDesired.client(TestClusters.demo());

        assertThat(service.getMetadata().getName()).isEqualTo("demo-client");
        assertThat(service.getSpec().getSelector())
                .containsEntry("app.kubernetes.io/component", "datanode");
        assertThat(service.getSpec().getPorts())
                .singleElement()
                .satisfies(
                        p -> assertThat(p.getPort() + "/" + p.getProtocol()).isEqualTo("8921/TCP"));
    }
}
