package io.dolphincluster.e2e.harness.real;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubeProxyTest {

    @Test
    void aQuotedCommentIsOneWordOfAnIptablesRule() {
        assertThat(
                        KubeProxy.words(
                                "-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"))
                .containsExactly(
                        "-A",
                        "PREROUTING",
                        "-m",
                        "comment",
                        "--comment",
                        "kubernetes service portals",
                        "-j",
                        "KUBE-SERVICES");
    }

    @Test
    void aChainDeclarationSplitsOnBlanks() {
        assertThat(KubeProxy.words("-N KUBE-MARK-MASQ  ")).containsExactly("-N", "KUBE-MARK-MASQ");
    }
}
