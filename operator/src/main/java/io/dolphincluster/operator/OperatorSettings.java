package io.dolphincluster.operator;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How the operator runs, read from its environment: WATCH_NAMESPACES (comma separated; empty or
 * unset = all namespaces), LEADER_ELECTION (true/false, default true), LEASE_NAME (default
 * dolphincluster-operator), POD_NAMESPACE (namespace of the Lease), RUNTIME_TIMEOUT_MS (admin API
 * calls, default 2000). The Lease holder's identity is HOSTNAME (the pod's name) with a random
 * suffix, so a restarted container never mistakes its predecessor's Lease for its own.
 *
 * @param exitOnLostLeadership true in production (a replica that lost its Lease must not keep
 *     reconciling); tests turn it off so losing a Lease never ends the test JVM
 */
public record OperatorSettings(
        Set<String> watchNamespaces,
        boolean leaderElection,
        String leaseName,
        String leaseNamespace,
        String identity,
        boolean exitOnLostLeadership,
        Duration runtimeTimeout) {

    public static final String DEFAULT_LEASE = "dolphincluster-operator";

    public static OperatorSettings fromEnvironment(Map<String, String> env) {
        Set<String> namespaces =
                Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet());
        return new OperatorSettings(
                namespaces,
                Boolean.parseBoolean(env.getOrDefault("LEADER_ELECTION", "true")),
                env.getOrDefault("LEASE_NAME", DEFAULT_LEASE),
                env.get("POD_NAMESPACE"),
                newIdentity(env.getOrDefault("HOSTNAME", "operator")),
                true,
                Duration.ofMillis(Long.parseLong(env.getOrDefault("RUNTIME_TIMEOUT_MS", "2000"))));
    }

    /** Settings for tests: no leader election, the given namespaces, short runtime timeout. */
    public static OperatorSettings forTests(Set<String> namespaces) {
        return new OperatorSettings(
                namespaces,
                false,
                DEFAULT_LEASE,
                null,
                newIdentity("test"),
                false,
                Duration.ofMillis(500));
    }

    /** A Lease holder identity unique to this process. */
    public static String newIdentity(String name) {
        return name + "_" + UUID.randomUUID();
    }
}
