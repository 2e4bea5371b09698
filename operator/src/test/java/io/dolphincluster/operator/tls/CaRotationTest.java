package io.dolphincluster.operator.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.tls.CaRotation.Action;
import io.dolphincluster.operator.tls.CaRotation.Stage;
import io.dolphincluster.operator.tls.CaRotation.Step;
import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.SubjectNames;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CaRotationTest {
    private static final Instant MADE = Instant.parse("2026-01-01T00:00:00Z");
    private static final SubjectNames NAMES =
            new SubjectNames(List.of("*.demo-datanode.db.svc"), List.of());
    private final CertificateAuthority old = CertificateAuthority.create("CA old", MADE);
    private final CertificateAuthority next = CertificateAuthority.create("CA new", MADE);

    private Optional<X509Certificate> leafOf(CertificateAuthority ca) {
        return Optional.of(ca.issue(NAMES, MADE, CertificateRenewal.VALIDITY).certificate());
    }

    @Test
    void aCaIsRotatedOnceAThirdOfItsValidityIsLeft() {
        // valid from MADE - 1 h (back-dated) to MADE + 3650 days
        Duration validity = CertificateAuthority.VALIDITY.plus(CertificateAuthority.BACKDATE);
        Instant rotateAt = MADE.plus(CertificateAuthority.VALIDITY).minus(validity.dividedBy(3));
        X509Certificate ca = old.certificate();

        assertThat(CaRotation.due(ca, Optional.empty(), Optional.empty(), MADE)).isEmpty();
        assertThat(CaRotation.due(ca, Optional.empty(), Optional.empty(), rotateAt.minusSeconds(1)))
                .isEmpty();
        assertThat(CaRotation.due(ca, Optional.empty(), Optional.empty(), rotateAt))
                .hasValueSatisfying(reason -> assertThat(reason).contains("expires at"));
    }

    @Test
    void aRequestRotatesOncePerValue() {
        X509Certificate ca = old.certificate();

        assertThat(CaRotation.due(ca, Optional.of("1"), Optional.empty(), MADE))
                .contains("rotation requested (1)");
        assertThat(CaRotation.due(ca, Optional.of("1"), Optional.of("1"), MADE))
                .as("honoured by this CA")
                .isEmpty();
        assertThat(CaRotation.due(ca, Optional.of("2"), Optional.of("1"), MADE)).isPresent();
        assertThat(CaRotation.due(ca, Optional.empty(), Optional.of("1"), MADE))
                .as("the annotation removed")
                .isEmpty();
    }

    @Test
    void aSecretsStageIsReadFromItsCaFileAndWhoSignedItsCertificate() {
        X509Certificate o = old.certificate();
        X509Certificate n = next.certificate();

        assertThat(CaRotation.stageOf(List.of(o), leafOf(old), o, n)).isEqualTo(Stage.OLD);
        assertThat(CaRotation.stageOf(List.of(n, o), leafOf(old), o, n)).isEqualTo(Stage.BUNDLE);
        assertThat(CaRotation.stageOf(List.of(o, n), leafOf(old), o, n))
                .as("either order")
                .isEqualTo(Stage.BUNDLE);
        assertThat(CaRotation.stageOf(List.of(n, o), leafOf(next), o, n))
                .isEqualTo(Stage.NEW_CERTIFICATE);
        assertThat(CaRotation.stageOf(List.of(n), leafOf(next), o, n)).isEqualTo(Stage.NEW_CA_ONLY);
        assertThat(CaRotation.stageOf(List.of(n), leafOf(old), o, n))
                .as("unexpected: started again")
                .isEqualTo(Stage.OLD);
        assertThat(CaRotation.stageOf(List.of(), Optional.empty(), o, n))
                .as("no Secret")
                .isEqualTo(Stage.OLD);
    }

    @Test
    void theStepsInOrderWaitingBeforeEachNewCertificateAndBeforeTheNewCaAlone() {
        assertThat(CaRotation.next(List.of(Stage.OLD, Stage.OLD), false))
                .isEqualTo(new Step(Action.WRITE, Stage.OLD, Stage.BUNDLE));
        assertThat(CaRotation.next(List.of(Stage.BUNDLE, Stage.OLD), false))
                .as("an operator stopped between the two Secrets")
                .isEqualTo(new Step(Action.WRITE, Stage.OLD, Stage.BUNDLE));
        assertThat(CaRotation.next(List.of(Stage.BUNDLE, Stage.BUNDLE), false))
                .isEqualTo(
                        new Step(
                                Action.AWAIT_SERVED_THEN_WRITE,
                                Stage.BUNDLE,
                                Stage.NEW_CERTIFICATE));
        assertThat(CaRotation.next(List.of(Stage.NEW_CERTIFICATE, Stage.BUNDLE), false))
                .as("waits again: cheap when every pod already serves its certificate")
                .isEqualTo(
                        new Step(
                                Action.AWAIT_SERVED_THEN_WRITE,
                                Stage.BUNDLE,
                                Stage.NEW_CERTIFICATE));
        assertThat(CaRotation.next(List.of(Stage.NEW_CERTIFICATE, Stage.NEW_CERTIFICATE), false))
                .isEqualTo(
                        new Step(
                                Action.AWAIT_SERVED_THEN_WRITE,
                                Stage.NEW_CERTIFICATE,
                                Stage.NEW_CA_ONLY));
        assertThat(CaRotation.next(List.of(Stage.NEW_CA_ONLY, Stage.NEW_CA_ONLY), false))
                .isEqualTo(new Step(Action.REPLACE_CA, null, null));
        assertThat(CaRotation.next(List.of(Stage.NEW_CA_ONLY, Stage.NEW_CA_ONLY), true))
                .isEqualTo(new Step(Action.FORGET_OLD_CA, null, null));
        assertThat(CaRotation.next(List.of(Stage.OLD, Stage.NEW_CA_ONLY), false))
                .as("a Secret deleted late is written with a certificate the others trust")
                .isEqualTo(new Step(Action.WRITE, Stage.OLD, Stage.NEW_CERTIFICATE));
    }

    /**
     * A model cluster of two roles with three pods each, driven by the steps alone: the operator
     * keeps no memory between steps (every step is planned from the Secrets, as after a restart),
     * pods load their role's newest Secret version at random times, and some pods are down for a
     * while (they serve nothing and load the newest version when they come back). At every moment
     * every running pod trusts the CA of every certificate any running pod serves, and the rotation
     * ends with every Secret at the new CA alone.
     */
    @Test
    void noPodEverServesACertificateAnotherRunningPodDoesNotTrust() {
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            Map<String, Stage> secrets = new LinkedHashMap<>();
            secrets.put("controller", Stage.OLD);
            secrets.put("datanode", Stage.OLD);
            List<Pod> pods = new ArrayList<>();
            for (String role : secrets.keySet()) {
                for (int i = 0; i < 3; i++) pods.add(new Pod(role, Stage.OLD));
            }
            boolean caReplaced = false;
            boolean done = false;
            for (int tick = 0; tick < 10_000 && !done; tick++) {
                Pod some = pods.get(random.nextInt(pods.size()));
                switch (random.nextInt(4)) {
                    case 0 -> some.loaded = secrets.get(some.role);
                    case 1 -> some.running = !some.running || random.nextInt(5) != 0;
                    default -> {
                        Step step = CaRotation.next(secrets.values(), caReplaced);
                        switch (step.action()) {
                            case WRITE -> write(secrets, step);
                            case AWAIT_SERVED_THEN_WRITE -> {
                                if (pods.stream()
                                        .allMatch(
                                                p ->
                                                        p.running
                                                                && leaf(p.loaded)
                                                                        == leaf(
                                                                                secrets.get(
                                                                                        p.role)))) {
                                    write(secrets, step);
                                }
                            }
                            case REPLACE_CA -> caReplaced = true;
                            case FORGET_OLD_CA -> done = true;
                        }
                    }
                }
                for (Pod p : pods) {
                    if (!p.running) p.loaded = secrets.get(p.role); // starts with the newest files
                }
                for (Pod server : pods) {
                    for (Pod client : pods) {
                        if (server.running && client.running) {
                            boolean newLeaf = CaRotation.newCertificate(server.loaded);
                            List<String> trusted = trusted(client.loaded);
                            assertThat(trusted)
                                    .as("seed " + seed + " tick " + tick)
                                    .contains(newLeaf ? "new" : "old");
                        }
                    }
                }
            }
            assertThat(done).as("seed " + seed + " finished").isTrue();
            assertThat(secrets.values()).containsOnly(Stage.NEW_CA_ONLY);
        }
    }

    private static void write(Map<String, Stage> secrets, Step step) {
        secrets.replaceAll((role, stage) -> stage == step.from() ? step.to() : stage);
    }

    /** Which certificate a Secret version holds: re-issued at BUNDLE and NEW_CERTIFICATE only. */
    private static int leaf(Stage stage) {
        return switch (stage) {
            case OLD -> 0;
            case BUNDLE -> 1;
            case NEW_CERTIFICATE, NEW_CA_ONLY -> 2;
        };
    }

    private static List<String> trusted(Stage stage) {
        return switch (stage) {
            case OLD -> List.of("old");
            case BUNDLE, NEW_CERTIFICATE -> List.of("new", "old");
            case NEW_CA_ONLY -> List.of("new");
        };
    }

    private static final class Pod {
        final String role;
        Stage loaded;
        boolean running = true;

        Pod(String role, Stage loaded) {
            this.role = role;
            this.loaded = loaded;
        }
    }

    @Test
    void caFilesListTheNewCaFirst() {
        X509Certificate o = old.certificate();
        X509Certificate n = next.certificate();
        Map<Stage, List<X509Certificate>> files = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) files.put(stage, CaRotation.caFile(stage, o, n));

        assertThat(files.get(Stage.OLD)).containsExactly(o);
        assertThat(files.get(Stage.BUNDLE)).containsExactly(n, o);
        assertThat(files.get(Stage.NEW_CERTIFICATE)).containsExactly(n, o);
        assertThat(files.get(Stage.NEW_CA_ONLY)).containsExactly(n);
    }
}
