package io.dolphincluster.runtime.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.pki.Pem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CertsCommandTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = new CommandLine(new CertsCommand());
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        return line.execute(args);
    }

    @Test
    void writesANodeDirectoryAndReusesTheCaForTheNext() throws Exception {
        assertThat(
                        run(
                                "--ca",
                                dir.resolve("ca").toString(),
                                "--out",
                                dir.resolve("m1").toString(),
                                "--host",
                                "127.0.0.1,localhost"))
                .isZero();
        assertThat(
                        run(
                                "--ca",
                                dir.resolve("ca").toString(),
                                "--out",
                                dir.resolve("m2").toString(),
                                "--host",
                                "127.0.0.2"))
                .isZero();

        byte[] ca = Files.readAllBytes(dir.resolve("ca/ca.crt"));
        assertThat(Files.readAllBytes(dir.resolve("m1/ca.crt"))).isEqualTo(ca);
        assertThat(Files.readAllBytes(dir.resolve("m2/ca.crt"))).isEqualTo(ca);
        X509Certificate m2 = Pem.certificates(Files.readAllBytes(dir.resolve("m2/tls.crt"))).get(0);
        assertThat(m2.getSubjectAlternativeNames())
                .extracting(n -> (Object) n.get(1))
                .containsExactly((Object) "127.0.0.2");
        m2.verify(Pem.certificates(ca).get(0).getPublicKey());
        assertThat(Files.getPosixFilePermissions(dir.resolve("m2/tls.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(out.toString())
                .contains("m1/tls.crt")
                .contains("for localhost, 127.0.0.1")
                .doesNotContain("PRIVATE KEY");
    }

    @Test
    void aBadHostIsAClearErrorAndWritesNothing() {
        assertThat(
                        run(
                                "--ca",
                                dir.resolve("ca").toString(),
                                "--out",
                                dir.resolve("m1").toString(),
                                "--host",
                                "not a host"))
                .isEqualTo(DolphinCommand.EXIT_CONFIG);

        assertThat(err.toString())
                .contains("--host: 'not a host' is neither a host name nor an IP address");
        assertThat(dir.resolve("ca")).doesNotExist();
        assertThat(dir.resolve("m1")).doesNotExist();
    }

    @Test
    void withoutHostItSaysWhatIsMissing() {
        assertThat(run("--out", dir.resolve("m1").toString())).isNotZero();

        assertThat(err.toString()).contains("--host");
    }
}
