package io.dolphincluster.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPolicyDesiredTest {

    @Test
    void theClustersPodsTalkToEachOtherAndClientsReachTheClientPortsOnly() {
        NetworkPolicy policy = NetworkPolicyDesired.of(TestClusters.demo());

        assertThat(policy.getMetadata().getName()).isEqualTo("demo");
        assertThat(policy.getMetadata().getLabels())
                .containsEntry(Names.LABEL_MANAGED_BY, Names.MANAGED_BY);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .containsEntry(Names.LABEL_INSTANCE, "demo")
                .doesNotContainKey(Names.LABEL_COMPONENT);
        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).getPorts()).as("members: every port").isNullOrEmpty();
        assertThat(rules.get(0).getFrom())
                .singleElement()
                .satisfies(
                        peer ->
                                assertThat(peer.getPodSelector().getMatchLabels())
                                        .isEqualTo(
                                                policy.getSpec()
                                                        .getPodSelector()
                                                        .getMatchLabels()));
        assertThat(rules.get(1).getFrom()).as("clients: from anywhere").isNullOrEmpty();
        assertThat(rules.get(1).getPorts())
                .extracting(p -> p.getPort().getIntVal() + "/" + p.getProtocol())
                .containsExactly("8900/TCP", "8921/TCP", "9921/TCP")
                .doesNotContain(Role.CONTROLLER.secondPort() + "/TCP");
    }

    @Test
    void theClusterPodsItSelectsCarryItsLabels() {
        NetworkPolicy policy = NetworkPolicyDesired.of(TestClusters.demo());
        for (Role role : Role.values()) {
            assertThat(
                            StatefulSetDesired.of(TestClusters.demo(), role)
                                    .getSpec()
                                    .getTemplate()
                                    .getMetadata()
                                    .getLabels())
                    .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        }
    }
}
