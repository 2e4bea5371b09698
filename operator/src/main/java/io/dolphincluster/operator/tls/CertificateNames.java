package io.dolphincluster.operator.tls;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a node certificate is valid for: DNS names (a leading {@code *.} matches one label, as
 * HTTPS host-name checks read it) and IP addresses.
 */
public record CertificateNames(List<String> dnsNames, List<String> addresses) {
    public CertificateNames {
        dnsNames = List.copyOf(dnsNames);
        addresses = List.copyOf(addresses);
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one DNS name");
        }
    }

    /** Every name, DNS names and addresses alike, sorted: what two certificates compare by. */
    public Set<String> all() {
        Set<String> all = new TreeSet<>(dnsNames);
        all.addAll(addresses);
        return all;
    }
}
