package io.dolphincluster.operator.tls;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * When and how an operator-issued cluster CA is replaced without a moment in which two pods refuse
 * each other. Pure: the facts (the CAs, each role's TLS Secret, the time) are the caller's, and so
 * is the check that every pod serves what its Secret holds.
 *
 * <p>A rotation moves every role's TLS Secret through the {@link Stage}s in order, and a role moves
 * past {@link Stage#BUNDLE} or {@link Stage#NEW_CERTIFICATE} only once every pod of every role
 * serves its role's current certificate: the kubelet swaps a Secret's files together and the
 * runtime reloads key, certificate and trust together, so a pod that serves the certificate of a
 * Secret version also trusts that version's {@code ca.crt}. Every stage is read back from the
 * Secrets, so an operator restarted at any point takes the same next step.
 */
public final class CaRotation {
    /** A CA is rotated once less than this fraction of its validity remains. */
    static final double ROTATE_FRACTION = 1.0 / 3;

    private CaRotation() {}

    /**
     * Why a rotation must start at {@code now}, or empty: a new value of the cluster's rotation
     * annotation ({@code requested}; {@code honoured} is the value the current CA was made for), or
     * less than a third of the CA's validity left.
     */
    public static Optional<String> due(
            X509Certificate ca,
            Optional<String> requested,
            Optional<String> honoured,
            Instant now) {
        if (requested.isPresent() && !requested.equals(honoured)) {
            return Optional.of("rotation requested (" + requested.get() + ")");
        }
        Instant from = ca.getNotBefore().toInstant();
        Instant until = ca.getNotAfter().toInstant();
        long validity = Duration.between(from, until).toMillis();
        Instant rotateAt = until.minusMillis((long) (validity * ROTATE_FRACTION));
        if (!now.isBefore(rotateAt)) {
            return Optional.of("the CA expires at " + until + " (rotated from " + rotateAt + ")");
        }
        return Optional.empty();
    }

    /** Where one role's TLS Secret is in a rotation from the old CA to the new, in order. */
    public enum Stage {
        /** Not yet part of it: the old CA alone, anything unexpected, or no Secret. */
        OLD,
        /** {@code ca.crt} the new and the old CA; a certificate of the old CA. */
        BUNDLE,
        /** {@code ca.crt} the new and the old CA; a certificate of the new CA. */
        NEW_CERTIFICATE,
        /** {@code ca.crt} the new CA alone; a certificate of the new CA. */
        NEW_CA_ONLY
    }

    /** The stage of a role's Secret holding {@code caFile} and {@code certificate}. */
    public static Stage stageOf(
            List<X509Certificate> caFile,
            Optional<X509Certificate> certificate,
            X509Certificate oldCa,
            X509Certificate newCa) {
        if (certificate.isEmpty()) {
            return Stage.OLD;
        }
        boolean bundle = caFile.size() == 2 && caFile.contains(newCa) && caFile.contains(oldCa);
        if (bundle && signedBy(certificate.get(), oldCa)) {
            return Stage.BUNDLE;
        }
        if (bundle && signedBy(certificate.get(), newCa)) {
            return Stage.NEW_CERTIFICATE;
        }
        if (caFile.equals(List.of(newCa)) && signedBy(certificate.get(), newCa)) {
            return Stage.NEW_CA_ONLY;
        }
        return Stage.OLD;
    }

    /** What a rotation does next. */
    public enum Action {
        /** Write the Secrets at {@code from} as {@code to}, at once. */
        WRITE,
        /** Once every pod serves its role's certificate, write the Secrets at {@code from}. */
        AWAIT_SERVED_THEN_WRITE,
        /** Every role is done: the new CA becomes the cluster's CA Secret. */
        REPLACE_CA,
        /** The cluster's CA Secret holds the new CA: forget the old one. */
        FORGET_OLD_CA
    }

    /**
     * The next step: write the roles at stage {@code from} as stage {@code to} (after the wait for
     * {@link Action#AWAIT_SERVED_THEN_WRITE}); {@code from} and {@code to} are null for the last
     * two actions.
     */
    public record Step(Action action, Stage from, Stage to) {
        /** What the status shows while this step is the next one. */
        public String describe() {
            return switch (action) {
                case WRITE ->
                        to == Stage.BUNDLE
                                ? "trusting the new and the old CA, certificates of the old CA"
                                : "catching up a TLS Secret to certificates of the new CA";
                case AWAIT_SERVED_THEN_WRITE ->
                        from == Stage.BUNDLE
                                ? "waiting for every pod to serve the certificate issued with both CAs"
                                : "waiting for every pod to serve a certificate of the new CA";
                case REPLACE_CA -> "making the new CA the cluster's CA";
                case FORGET_OLD_CA -> "forgetting the old CA";
            };
        }
    }

    /**
     * The next step of a rotation in progress, from the stage of each role's Secret and whether the
     * cluster's CA Secret already holds the new CA. A role behind the others (its Secret deleted
     * and made again) is first written at {@link Stage#BUNDLE}, or at {@link Stage#NEW_CERTIFICATE}
     * when another role is past it (its pods, new or not, must then serve a certificate the others'
     * pods trust); it then waits with the rest.
     */
    public static Step next(Collection<Stage> roles, boolean caSecretHoldsNew) {
        if (caSecretHoldsNew) {
            return new Step(Action.FORGET_OLD_CA, null, null);
        }
        Stage min = roles.stream().min(Enum::compareTo).orElse(Stage.NEW_CA_ONLY);
        Stage max = roles.stream().max(Enum::compareTo).orElse(Stage.NEW_CA_ONLY);
        return switch (min) {
            case OLD ->
                    new Step(
                            Action.WRITE,
                            Stage.OLD,
                            max.compareTo(Stage.BUNDLE) <= 0
                                    ? Stage.BUNDLE
                                    : Stage.NEW_CERTIFICATE);
            case BUNDLE ->
                    new Step(Action.AWAIT_SERVED_THEN_WRITE, Stage.BUNDLE, Stage.NEW_CERTIFICATE);
            case NEW_CERTIFICATE ->
                    new Step(
                            Action.AWAIT_SERVED_THEN_WRITE,
                            Stage.NEW_CERTIFICATE,
                            Stage.NEW_CA_ONLY);
            case NEW_CA_ONLY -> new Step(Action.REPLACE_CA, null, null);
        };
    }

    /** The CAs a role's Secret at {@code stage} lists in {@code ca.crt}, the new first. */
    public static List<X509Certificate> caFile(
            Stage stage, X509Certificate oldCa, X509Certificate newCa) {
        return switch (stage) {
            case OLD -> List.of(oldCa);
            case BUNDLE, NEW_CERTIFICATE -> List.of(newCa, oldCa);
            case NEW_CA_ONLY -> List.of(newCa);
        };
    }

    /** Whether a role's Secret at {@code stage} holds a certificate of the new CA. */
    public static boolean newCertificate(Stage stage) {
        return stage.compareTo(Stage.NEW_CERTIFICATE) >= 0;
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
