package io.dolphincluster.operator.tls;

import io.dolphincluster.pki.SubjectNames;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a node certificate must be issued again: none yet, names that are not the ones wanted now,
 * signed by another CA, or less than a third of its validity left ({@link #RENEW_FRACTION}). Pure:
 * the time is the caller's.
 */
public final class CertificateRenewal {
    /** How long a node certificate is valid. */
    public static final Duration VALIDITY = Duration.ofDays(90);

    /** A certificate is re-issued once less than this fraction of its validity remains. */
    static final double RENEW_FRACTION = 1.0 / 3;

    private CertificateRenewal() {}

    /** How long before it expires a certificate is re-issued: a third of {@link #VALIDITY}. */
    public static Duration renewBefore() {
        return Duration.ofMillis((long) (VALIDITY.toMillis() * RENEW_FRACTION));
    }

    /**
     * Why a certificate must be issued again because a user asked for it: {@code requested} (the
     * cluster's renewal annotation) is set and is not the request the current certificate was
     * issued for ({@code honoured}, recorded on its Secret). Empty otherwise.
     */
    public static Optional<String> requested(
            Optional<String> requested, Optional<String> honoured) {
        if (requested.isEmpty() || requested.equals(honoured)) {
            return Optional.empty();
        }
        return Optional.of("renewal requested (" + requested.get() + ")");
    }

    /**
     * Why {@code current} must be replaced at {@code now}, or empty when it may stay.
     *
     * @param current the certificate the Secret holds, if any
     */
    public static Optional<String> reason(
            Optional<X509Certificate> current,
            X509Certificate ca,
            SubjectNames wanted,
            Instant now) {
        if (current.isEmpty()) {
            return Optional.of("no certificate yet");
        }
        X509Certificate cert = current.get();
        try {
            cert.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            return Optional.of("signed by another CA");
        }
        if (!names(cert).equals(wanted.all())) {
            return Optional.of("its names are not " + wanted.all());
        }
        Instant from = cert.getNotBefore().toInstant();
        Instant until = cert.getNotAfter().toInstant();
        Duration validity = Duration.between(from, until);
        Instant renewAt = until.minusMillis((long) (validity.toMillis() * RENEW_FRACTION));
        if (!now.isBefore(renewAt)) {
            return Optional.of("it expires at " + until + " (renewed from " + renewAt + ")");
        }
        return Optional.empty();
    }

    private static Set<String> names(X509Certificate cert) {
        Set<String> names = new TreeSet<>();
        try {
            Collection<List<?>> alternatives = cert.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    names.add(String.valueOf(name.get(1)));
                }
            }
        } catch (CertificateParsingException e) {
            return Set.of();
        }
        return names;
    }
}
