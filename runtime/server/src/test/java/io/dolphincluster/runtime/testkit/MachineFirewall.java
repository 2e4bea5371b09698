package io.dolphincluster.runtime.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The packet filter of one machine of a {@link SimulatedNetwork}: an nftables table in the
 * machine's network namespace that drops every IPv4 packet to or from the addresses {@link #cut}
 * off, silently, as a broken network does: no reset, no ICMP error, so the peers on either side see
 * only timeouts. Established connections are cut as well.
 */
final class MachineFirewall {
    private static final String TABLE = "simulated_network";
    private static final String RULES =
            """
            table inet %s {
                set cut { type ipv4_addr; }
                chain input { type filter hook input priority 0; policy accept; ip saddr @cut drop; }
                chain output { type filter hook output priority 0; policy accept; ip daddr @cut drop; }
            }
            """
                    .formatted(TABLE);

    private final String namespace;

    MachineFirewall(String namespace) {
        this.namespace = namespace;
    }

    /** Creates the (empty) table; nothing is cut yet. */
    void install() throws IOException {
        SystemCommand.run(nft("-f", "-"), RULES);
    }

    /** Drops, from now on, every packet between this machine and {@code addresses}. */
    void cut(Collection<String> addresses) throws IOException {
        if (addresses.isEmpty()) return;
        SystemCommand.run(
                nft(
                        "add",
                        "element",
                        "inet",
                        TABLE,
                        "cut",
                        "{ " + String.join(", ", addresses) + " }"));
    }

    /** Lets every packet through again. */
    void mend() throws IOException {
        SystemCommand.run(nft("flush", "set", "inet", TABLE, "cut"));
    }

    private List<String> nft(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "nft"));
        command.addAll(List.of(arguments));
        return command;
    }
}
