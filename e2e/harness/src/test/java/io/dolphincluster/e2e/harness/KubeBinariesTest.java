package io.dolphincluster.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeBinariesTest {

    @TempDir Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty(KubeBinaries.BIN_PROPERTY);
        System.clearProperty(KubeBinaries.ETCD_PROPERTY);
    }

    @Test
    void findsTheBinariesInTheConfiguredDirectory() throws IOException {
        for (String name :
                new String[] {
                    "kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd"
                }) {
            executable(dir.resolve(name));
        }
        System.setProperty(KubeBinaries.BIN_PROPERTY, dir.toString());
        System.setProperty(KubeBinaries.ETCD_PROPERTY, dir.resolve("etcd").toString());

        KubeBinaries binaries = KubeBinaries.locate();

        assertThat(binaries.apiServer()).isEqualTo(dir.resolve("kube-apiserver"));
        assertThat(binaries.controllerManager()).isEqualTo(dir.resolve("kube-controller-manager"));
        assertThat(binaries.scheduler()).isEqualTo(dir.resolve("kube-scheduler"));
        assertThat(binaries.etcd()).isEqualTo(dir.resolve("etcd"));
    }

    @Test
    void missingBinariesFailWithTheInstallerToRun() throws IOException {
        executable(dir.resolve("kube-apiserver"));
        System.setProperty(KubeBinaries.BIN_PROPERTY, dir.toString());

        assertThatThrownBy(KubeBinaries::locate)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kube-controller-manager")
                .hasMessageContaining("kube-scheduler")
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("e2e/scripts/install-kube.sh");
    }

    @Test
    void startingAPlaneWithoutBinariesFailsRatherThanSkips() {
        System.setProperty(KubeBinaries.BIN_PROPERTY, dir.resolve("nothing-here").toString());

        assertThatThrownBy(
                        () ->
                                LocalControlPlane.start(
                                        LocalControlPlane.Options.apiServerOnly()
                                                .withParentDir(dir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("e2e/scripts/install-kube.sh");
        assertThat(dir.resolve("nothing-here")).doesNotExist();
    }

    private static void executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
