package io.dolphincluster.pki;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The host names and IP addresses a node certificate is valid for (its subject alternative names),
 * as given to {@code bin/dolphin certs --host}: items separated by commas, each a DNS name ({@code
 * ctl1.example}, {@code *.dolphin.svc}) or a literal IPv4/IPv6 address. Clients check the name they
 * connect to against these.
 */
public record SubjectNames(List<String> dnsNames, List<String> addresses) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern DNS =
            Pattern.compile(
                    "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    /**
     * Parses {@code items} (each may hold several names separated by commas); at least one name.
     */
    public static SubjectNames parse(List<String> items) {
        Set<String> dns = new LinkedHashSet<>();
        Set<String> ips = new LinkedHashSet<>();
        for (String item : items) {
            for (String raw : item.split(",")) {
                String name = raw.strip();
                if (name.isEmpty()) continue;
                if (IPV4.matcher(name).matches() || name.contains(":")) {
                    if (!isAddress(name))
                        throw new IllegalArgumentException(
                                "'" + name + "' is not a valid IP address");
                    ips.add(name);
                } else if (DNS.matcher(name).matches() && name.length() <= 253) {
                    dns.add(name.toLowerCase(java.util.Locale.ROOT));
                } else {
                    throw new IllegalArgumentException(
                            "'" + name + "' is neither a host name nor an IP address");
                }
            }
        }
        return new SubjectNames(List.copyOf(dns), List.copyOf(ips));
    }

    private static boolean isAddress(String name) {
        try {
            // a literal never causes a lookup
            java.net.InetAddress.getByName(name.contains(":") ? "[" + name + "]" : name);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public SubjectNames {
        dnsNames = List.copyOf(dnsNames);
        addresses = List.copyOf(addresses);
        if (dnsNames.isEmpty() && addresses.isEmpty())
            throw new IllegalArgumentException("no host name or IP address given");
    }

    /** Every name, DNS names and addresses alike, sorted: what two certificates compare by. */
    public Set<String> all() {
        Set<String> all = new TreeSet<>(dnsNames);
        all.addAll(addresses);
        return all;
    }

    /** The first name: the certificate's common name. */
    public String first() {
        return dnsNames.isEmpty() ? addresses.get(0) : dnsNames.get(0);
    }

    GeneralNames toGeneralNames() {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        addresses.forEach(a -> names.add(new GeneralName(GeneralName.iPAddress, a)));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }
}
