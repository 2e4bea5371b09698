package io.dolphincluster.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MachineIdentityTest {
    private static final Site SITE = new Site("10.1.1.2", 8921, "datanode1");

    @Test
    void configKeysWinOverTheEnvironment() {
        MachineIdentity identity =
                MachineIdentity.resolve(
                        "m-config",
                        "z-config",
                        SITE,
                        Map.of(
                                "DOLPHIN_MACHINE",
                                "m-env",
                                "NODE_NAME",
                                "k8s-node",
                                "DOLPHIN_ZONE",
                                "z-env"));

        assertThat(identity).isEqualTo(new MachineIdentity("m-config", "z-config"));
    }

    @Test
    void dolphinVariablesWinOverNodeName() {
        MachineIdentity identity =
                MachineIdentity.resolve(
                        null,
                        null,
                        SITE,
                        Map.of(
                                "DOLPHIN_MACHINE",
                                "m-env",
                                "NODE_NAME",
                                "k8s-node",
                                "DOLPHIN_ZONE",
                                "z-env"));

        assertThat(identity).isEqualTo(new MachineIdentity("m-env", "z-env"));
    }

    @Test
    void nodeNameIsTheKubernetesFallback() {
        assertThat(
                        MachineIdentity.resolve(null, null, SITE, Map.of("NODE_NAME", "k8s-node"))
                                .machine())
                .isEqualTo("k8s-node");
    }

    @Test
    void otherwiseTheHostOfLocalSiteAndNoZone() {
        MachineIdentity identity = MachineIdentity.resolve(null, null, SITE, Map.of());

        assertThat(identity).isEqualTo(new MachineIdentity("10.1.1.2", ""));
    }

    @Test
    void blankValuesCountAsAbsent() {
        MachineIdentity identity =
                MachineIdentity.resolve(
                        " ", "", SITE, Map.of("DOLPHIN_MACHINE", "", "NODE_NAME", " n1 "));

        assertThat(identity).isEqualTo(new MachineIdentity("n1", ""));
    }
}
