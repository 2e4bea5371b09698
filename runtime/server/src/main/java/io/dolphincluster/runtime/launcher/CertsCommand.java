package io.dolphincluster.runtime.launcher;

import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.SubjectNames;
import io.dolphincluster.runtime.tls.CaDirectory;
import io.dolphincluster.runtime.tls.NodeCertificateFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/dolphin certs}: the certificates of {@code enableHTTPS=true} on bare metal. Creates
 * the cluster's CA in {@code --ca} the first time (later runs reuse it) and a node certificate
 * signed by it for the {@code --host} names and addresses, written as {@code tls.crt}, {@code
 * tls.key} and {@code ca.crt} into {@code --out}: the default {@code tlsCertFile}, {@code
 * tlsKeyFile} and {@code tlsCaFile} when {@code --out} is the {@code tls} directory beside the
 * node's config file. Prints the files written, never a key.
 */
@Command(
        name = "dolphin certs",
        mixinStandardHelpOptions = true,
        description = {
            "Creates a cluster CA once and a node certificate signed by it.",
            "Example: dolphin certs --ca certs/ca --out machine1/config/tls --host 127.0.0.1,localhost"
        })
final class CertsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--ca",
            description =
                    "directory of the CA's ca.crt and ca.key, created when absent (default: certs/ca)",
            defaultValue = "certs/ca")
    Path caDir;

    @Option(
            names = "--out",
            required = true,
            description = "directory to write tls.crt, tls.key and ca.crt into")
    Path out;

    @Option(
            names = "--host",
            required = true,
            split = ",",
            description =
                    "host names and IP addresses the node is reached at (repeat or separate with commas)")
    List<String> hosts;

    @Option(
            names = "--days",
            description = "validity of the node certificate in days (default: 365)",
            defaultValue = "365")
    int days;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SubjectNames names;
        try {
            names = SubjectNames.parse(hosts);
        } catch (IllegalArgumentException e) {
            err.println("dolphin certs: --host: " + e.getMessage());
            return DolphinCommand.EXIT_CONFIG;
        }
        if (days < 1) {
            err.println("dolphin certs: --days: expected at least 1, got " + days);
            return DolphinCommand.EXIT_CONFIG;
        }
        CertificateAuthority ca = CaDirectory.loadOrCreate(caDir, "DolphinCluster CA");
        NodeCertificateFiles.write(out, ca, ca.issue(names, Instant.now(), Duration.ofDays(days)));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(
                "CA: "
                        + caDir.resolve(CaDirectory.CERT_FILE)
                        + " (key "
                        + caDir.resolve(CaDirectory.KEY_FILE)
                        + ": keep it private)");
        stdout.println(
                "wrote "
                        + out.resolve(NodeCertificateFiles.CERT)
                        + ", "
                        + out.resolve(NodeCertificateFiles.KEY)
                        + ", "
                        + out.resolve(NodeCertificateFiles.CA)
                        + " for "
                        + String.join(", ", names.dnsNames())
                        + (names.dnsNames().isEmpty() || names.addresses().isEmpty() ? "" : ", ")
                        + String.join(", ", names.addresses()));
        stdout.flush();
        return 0;
    }

    /** Runs the command on {@code args} (those after {@code certs}). */
    static int run(String[] args) {
        return new picocli.CommandLine(new CertsCommand()).execute(args);
    }
}
