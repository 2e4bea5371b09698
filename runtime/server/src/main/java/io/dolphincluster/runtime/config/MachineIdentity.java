package io.dolphincluster.runtime.config;

import java.util.Map;

/**
 * Which machine and zone a datanode or agent runs on. Replicas of a chunk are kept on different machines at
 * reliability level 1, so this must name the physical host (or Kubernetes node), and be overridable so one
 * test machine can play several. In order: the config file's {@code machine=}/{@code zone=}, the environment's
 * {@code DOLPHIN_MACHINE}/{@code DOLPHIN_ZONE}, {@code NODE_NAME} (the downward API's {@code spec.nodeName}),
 * else the host of {@code localSite} (distinct loopback addresses make distinct machines on one host).
 */
public record MachineIdentity(String machine, String zone) {

    public static MachineIdentity resolve(String machineKey, String zoneKey, Site localSite, Map<String, String> env) {
        String machine = firstNonBlank(machineKey, env.get("DOLPHIN_MACHINE"), env.get("NODE_NAME"), localSite.host());
        String zone = firstNonBlank(zoneKey, env.get("DOLPHIN_ZONE"), "");
        return new MachineIdentity(machine, zone);
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) return value.strip();
        }
        return "";
    }
}
