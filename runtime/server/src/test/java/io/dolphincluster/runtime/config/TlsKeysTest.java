package io.dolphincluster.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.runtime.tls.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enableHTTPS} and the {@code tls*File} keys, read through a controller's file (the same in
 * every file).
 */
class TlsKeysTest {
    @TempDir Path dir;

    @BeforeEach
    void clusterSecret() throws Exception {
        Files.writeString(
                dir.resolve(ClusterSecretKey.DEFAULT_FILE),
                ClusterCredential.generateSecret() + "\n");
    }

    private ControllerConfig read(String extra) throws Exception {
        Path file = dir.resolve("controller.cfg");
        Files.writeString(file, "localSite=127.0.0.1:8900:controller1\n" + extra);
        return ControllerConfig.read(file);
    }

    private String failure(String extra) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> read(extra));
        assertThat(e).as("a ConfigException").isNotNull();
        return e.getMessage();
    }

    @Test
    void offByDefaultWithoutAnyFile() throws Exception {
        assertThat(read("").tls().enabled()).isFalse();
        assertThat(read("enableHTTPS=false\ntlsCertFile=nowhere.crt\n").tls().enabled()).isFalse();
    }

    @Test
    void onWithTheFilesOfTheTlsDirectoryBesideTheConfig() throws Exception {
        new TestPki(dir.resolve("ca")).issue(dir.resolve("tls"), "127.0.0.1");

        var tls = read("enableHTTPS=true\n").tls();

        assertThat(tls.enabled()).isTrue();
        assertThat(tls.scheme()).isEqualTo("https");
        assertThat(tls.files().cert()).isEqualTo(dir.resolve("tls/tls.crt").toAbsolutePath());
        assertThat(tls.files().ca()).isEqualTo(dir.resolve("tls/ca.crt").toAbsolutePath());
    }

    @Test
    void relativePathsAreTakenFromTheConfigDirectory() throws Exception {
        new TestPki(dir.resolve("ca")).issue(dir.resolve("certs/node"), "127.0.0.1");

        var tls =
                read("enableHTTPS=true\ntlsCertFile=certs/node/tls.crt\ntlsKeyFile=certs/node/tls.key\ntlsCaFile=ca/ca.crt\n")
                        .tls();

        assertThat(tls.files().key()).isEqualTo(dir.resolve("certs/node/tls.key").toAbsolutePath());
        assertThat(tls.files().ca()).isEqualTo(dir.resolve("ca/ca.crt").toAbsolutePath());
    }

    @Test
    void aMissingCertificateNamesTheFileTheKeyAndHowToMakeOne() {
        String message = failure("enableHTTPS=true\n");

        assertThat(message)
                .contains("controller.cfg")
                .contains("tlsCertFile")
                .contains(dir.resolve("tls/tls.crt").toString())
                .contains("does not exist")
                .contains("bin/dolphin certs");
    }

    @Test
    void aKeyOfAnotherCertificateIsNamed() throws Exception {
        TestPki pki = new TestPki(dir.resolve("ca"));
        pki.issue(dir.resolve("tls"), "127.0.0.1");
        pki.issue(dir.resolve("other"), "127.0.0.1");

        String message = failure("enableHTTPS=true\ntlsKeyFile=other/tls.key\n");

        assertThat(message)
                .contains("tlsKeyFile")
                .contains("expected the private key of the certificate in");
    }

    @Test
    void aCertificateOfAnotherCaIsNamed() throws Exception {
        new TestPki(dir.resolve("ca")).issue(dir.resolve("tls"), "127.0.0.1");
        new TestPki(dir.resolve("ca2")).issue(dir.resolve("other"), "127.0.0.1");

        String message = failure("enableHTTPS=true\ntlsCaFile=other/ca.crt\n");

        assertThat(message)
                .contains("tlsCertFile")
                .contains("signed by the CA in " + dir.resolve("other/ca.crt"));
    }

    @Test
    void garbageInsteadOfAKeySaysWhatWasExpectedWithoutTheBytes() throws Exception {
        new TestPki(dir.resolve("ca")).issue(dir.resolve("tls"), "127.0.0.1");
        Files.writeString(
                dir.resolve("tls/tls.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0\n-----END RSA PRIVATE KEY-----\n");

        String message = failure("enableHTTPS=true\n");

        assertThat(message)
                .contains("tlsKeyFile")
                .contains("PKCS#8")
                .contains("openssl pkcs8")
                .doesNotContain("c2VjcmV0");
    }

    @Test
    void aBadBooleanIsAProblemOfItsKey() {
        assertThat(failure("enableHTTPS=yes please\n")).contains("enableHTTPS");
    }
}
