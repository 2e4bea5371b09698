package io.dolphincluster.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.pki.Pem;
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

    /**
     * A Kubernetes Secret volume: each key a link {@code tls.crt -> ..data/tls.crt}, {@code ..data}
     * a link to a timestamped directory; an update writes a new directory and renames a new {@code
     * ..data} link over the old one in one step. The files seen through the links may keep their
     * modification time (here: made equal), so the real path is what changes.
     */
    @Test
    void aKubernetesSecretVolumesAtomicSwapOfItsDataLinkIsNoticed() throws Exception {
        TestPki pki = new TestPki(dir.resolve("ca"));
        Path volume = Files.createDirectories(dir.resolve("volume"));
        TlsFiles first = pki.issue(volume.resolve("..2026_01_01_00_00_00.1"), "old.example");
        Files.createSymbolicLink(volume.resolve("..data"), Path.of("..2026_01_01_00_00_00.1"));
        for (String key : new String[] {"tls.crt", "tls.key", "ca.crt"}) {
            Files.createSymbolicLink(volume.resolve(key), Path.of("..data", key));
        }
        TlsFiles mounted =
                new TlsFiles(
                        volume.resolve("tls.crt"),
                        volume.resolve("tls.key"),
                        volume.resolve("ca.crt"));
        ReloadingMaterial material = new ReloadingMaterial(mounted);
        assertThat(firstName(material.current())).isEqualTo("old.example");

        TlsFiles second = pki.issue(volume.resolve("..2026_02_01_00_00_00.2"), "new.example");
        for (Path[] pair :
                new Path[][] {
                    {first.cert(), second.cert()},
                    {first.key(), second.key()},
                    {first.ca(), second.ca()}
                }) {
            Files.setLastModifiedTime(pair[1], Files.getLastModifiedTime(pair[0]));
        }
        Files.createSymbolicLink(volume.resolve("..data_tmp"), Path.of("..2026_02_01_00_00_00.2"));
        Files.move(
                volume.resolve("..data_tmp"),
                volume.resolve("..data"),
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        assertThat(firstName(material.current())).isEqualTo("new.example");
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

    /**
     * A CA rotation's overlap: {@code ca.crt} holds the new and the old CA (as the operator writes
     * it). The material loads with a certificate of either CA, and its trust accepts a peer
     * certificate of either CA, and of no other.
     */
    @Test
    void aCaFileWithTwoCasTrustsBoth() throws Exception {
        TestPki old = new TestPki(dir.resolve("old-ca"));
        TestPki next = new TestPki(dir.resolve("new-ca"));
        TestPki other = new TestPki(dir.resolve("other-ca"));
        TlsFiles files = old.issue(dir.resolve("node"), "node.example");
        PemFiles.writePublic(
                files.ca(),
                Pem.encode(next.ca().certificate()) + Pem.encode(old.ca().certificate()));
        ReloadingMaterial material = new ReloadingMaterial(files);

        assertThat(material.current().material().ca()).hasSize(2);
        X509Certificate[] ofOld = chain(old, "peer.example");
        X509Certificate[] ofNew = chain(next, "peer.example");
        material.current().trust().checkClientTrusted(ofOld, "ECDHE_ECDSA");
        material.current().trust().checkClientTrusted(ofNew, "ECDHE_ECDSA");
        assertThatThrownBy(
                        () ->
                                material.current()
                                        .trust()
                                        .checkClientTrusted(
                                                chain(other, "peer.example"), "ECDHE_ECDSA"))
                .isInstanceOf(java.security.cert.CertificateException.class);

        // the next Secret version: a certificate of the new CA, the same two CAs
        next.issue(dir.resolve("node"), "node.example");
        PemFiles.writePublic(
                files.ca(),
                Pem.encode(next.ca().certificate()) + Pem.encode(old.ca().certificate()));
        assertThat(material.current().material().chain().get(0).getIssuerX500Principal())
                .isEqualTo(next.ca().certificate().getSubjectX500Principal());
        material.current().trust().checkClientTrusted(ofOld, "ECDHE_ECDSA");
    }

    private X509Certificate[] chain(TestPki pki, String name) throws Exception {
        TlsFiles peer = pki.issue(Files.createTempDirectory(dir, "peer"), name);
        return new X509Certificate[] {Pem.certificates(Files.readAllBytes(peer.cert())).get(0)};
    }
}
