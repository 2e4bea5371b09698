package io.dolphincluster.runtime.config;

import java.util.Map;

/**
 * The machine and zone a datanode or agent runs on, resolved as docs/data-plane.md ("Identity")
 * says. The machine is, in order: {@code machine=} in the node's config file, the environment
 * variable {@code DOLPHIN_MACHINE}, {@code NODE_NAME} (Kubernetes' downward API), else the host of
 * {@code localSite}. The zone: {@code zone=}, {@code DOLPHIN_ZONE}, else an empty string. Blank
 * values count as absent, so the result's machine is never blank and its zone never null.
 */
public record MachineIdentity(String machine, String zone) {

    /** Resolves with the process's environment. */
    public static MachineIdentity resolve(
            String configuredMachine, String configuredZone, Site localSite) {
        return resolve(configuredMachine, configuredZone, localSite, System.getenv());
    }

    /**
     * @param configuredMachine the {@code machine=} value, or {@code null} when the key is absent
     * @param configuredZone the {@code zone=} value, or {@code null} when the key is absent
     */
    public static MachineIdentity resolve(
            String configuredMachine,
            String configuredZone,
            Site localSite,
            Map<String, String> environment) {
        String machine =
                firstSet(
                        configuredMachine,
                        environment.get("DOLPHIN_MACHINE"),
                        environment.get("NODE_NAME"),
                        localSite.host());
        String zone = firstSet(configuredZone, environment.get("DOLPHIN_ZONE"), "");
        return new MachineIdentity(machine, zone);
    }

    private static String firstSet(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) return candidate.strip();
        }
        return "";
    }
}
