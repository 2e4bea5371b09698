package io.dolphincluster.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingMaterialTest {
    @TempDir Path dir;

    private static String firstName(ReloadingMaterial.Version version) throws Exception {
        X509Certificate cert = version.material().chain().get(0);
        return (String) cert.getSubjectAlternativeNames().iterator().next().get(1);
    }

    @Test
    void aRotationOnDiskIsTheNextVersionAndThePreviousStaysReachableByItsAlias() throws Exception {
        TestPki pki = new TestPki(dir.resolve("ca"));
        ReloadingMaterial material =
                new ReloadingMaterial(pki.issue(dir.resolve("node"), "old.example"));
        ReloadingMaterial.Version before = material.current();

        pki.issue(dir.resolve("node"), "new.example");
        ReloadingMaterial.Version after = material.current();

        assertThat(firstName(before)).isEqualTo("old.example");
        assertThat(firstName(after)).isEqualTo("new.example");
        assertThat(after.alias()).isNotEqualTo(before.alias());
        assertThat(material.byAlias(before.alias())).isSameAs(before);
        assertThat(material.current()).as("unchanged files: the same version").isSameAs(after);
    }

    @Test
    void aHalfWrittenRotationKeepsThePreviousCertificate() throws Exception {
        TestPki pki = new TestPki(dir.resolve("ca"));
        TlsFiles files = pki.issue(dir.resolve("node"), "old.example");
        ReloadingMaterial material = new ReloadingMaterial(files);
        pki.issue(dir.resolve("other"), "new.example");

        Files.copy(
                dir.resolve("other/tls.crt"),
                files.cert(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(firstName(material.current()))
                .as("a certificate without its key is not used")
                .isEqualTo("old.example");
        Files.copy(
                dir.resolve("other/tls.key"),
                files.key(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(firstName(material.current())).as("the pair complete").isEqualTo("new.example");
    }

    @Test
    void badFilesAtStartAreThrownNamingTheFile() throws Exception {
        TlsFiles files = new TestPki(dir.resolve("ca")).issue(dir.resolve("node"), "a.example");
        Files.writeString(files.ca(), "not a certificate");

        assertThatThrownBy(() -> new ReloadingMaterial(files))
                .isInstanceOf(TlsFileException.class)
                .hasMessageContaining(files.ca().toString())
                .hasMessageContaining("the cluster CA's PEM certificate");
    }
}
