package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.model.DolphinClusterSpec;
import io.dolphincluster.operator.model.ExtraConfigSpec;
import io.dolphincluster.operator.model.StorageSpec;
import io.dolphincluster.operator.model.TuningSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules the CRD schema cannot state on every API server (no CEL before 1.25; 1.20 drops it): an
 * odd controller count, a factor no larger than the datanode count, sane extra config. The schema's
 * own bounds are checked again so a server that ignored them cannot slip one past. Each problem is
 * one readable sentence naming the field.
 */
public final class SpecValidation {
    private static final Pattern CONFIG_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");
    private static final Set<String> OWNED_CONTROLLER_KEYS =
            Set.of(
                    "localSite",
                    "dfsHAMode",
                    "clusterSecretFile",
                    "dfsReplicationFactor",
                    "dfsReplicaReliabilityLevel",
                    "dfsRecoveryWaitTime",
                    "dfsChunkNodeHeartBeatTimeout",
                    "raftElectionTimeoutMin",
                    "raftElectionTimeoutMax");
    private static final Set<String> OWNED_DATANODE_KEYS =
            Set.of("localSite", "machine", "clusterSecretFile");

    private SpecValidation() {}

    /** The spec's problems; empty when the operator may act on it. */
    public static List<String> problems(DolphinClusterSpec spec) {
        List<String> problems = new ArrayList<>();
        int controllers = spec.getControllers().getReplicas();
        int datanodes = spec.getDatanodes().getReplicas();
        int factor = spec.getReplication().getFactor();
        int level = spec.getReplication().getReliabilityLevel();
        if (controllers < 1 || controllers > 7 || controllers % 2 == 0) {
            problems.add(
                    "spec.controllers.replicas is "
                            + controllers
                            + ": it must be odd and from 1 to 7 (a Raft group of n tolerates (n-1)/2 failures)");
        }
        if (datanodes < 1) {
            problems.add("spec.datanodes.replicas is " + datanodes + ": it must be at least 1");
        }
        if (factor < 1 || factor > 16) {
            problems.add("spec.replication.factor is " + factor + ": it must be from 1 to 16");
        } else if (factor > datanodes) {
            problems.add(
                    "spec.replication.factor is "
                            + factor
                            + " but there are only "
                            + datanodes
                            + " datanodes: each replica of a chunk needs its own datanode");
        }
        if (level < 0 || level > 2) {
            problems.add(
                    "spec.replication.reliabilityLevel is " + level + ": it must be 0, 1 or 2");
        }
        if (spec.getImage() == null || spec.getImage().isBlank()) {
            problems.add("spec.image is empty");
        }
        checkGracePeriod(
                problems,
                "spec.controllers",
                spec.getControllers().getTerminationGracePeriodSeconds());
        checkGracePeriod(
                problems, "spec.datanodes", spec.getDatanodes().getTerminationGracePeriodSeconds());
        checkSize(problems, "spec.controllers.storage.size", spec.getControllers().getStorage());
        checkSize(problems, "spec.datanodes.storage.size", spec.getDatanodes().getStorage());
        checkTuning(problems, spec.getTuning());
        checkExtraConfig(problems, spec.getConfig());
        if (spec.getAdminCredentials() != null
                && (spec.getAdminCredentials().getSecretName() == null
                        || spec.getAdminCredentials().getSecretName().isBlank())) {
            problems.add(
                    "spec.adminCredentials.secretName is empty: name a Secret or drop adminCredentials");
        }
        return problems;
    }

    private static void checkGracePeriod(List<String> problems, String role, int seconds) {
        if (seconds < 1) {
            problems.add(
                    role
                            + ".terminationGracePeriodSeconds is "
                            + seconds
                            + ": it must be at least 1 (a stopping node hands its work over first)");
        }
    }

    private static void checkSize(List<String> problems, String field, StorageSpec storage) {
        String size = storage == null ? null : storage.getSize();
        try {
            if (size == null
                    || Quantity.getAmountInBytes(new Quantity(size)).compareTo(BigDecimal.ZERO)
                            <= 0) {
                problems.add(
                        field + " is '" + size + "': it must be a positive quantity such as 10Gi");
            }
        } catch (IllegalArgumentException e) {
            problems.add(field + " is '" + size + "': it must be a positive quantity such as 10Gi");
        }
    }

    private static void checkTuning(List<String> problems, TuningSpec tuning) {
        if (tuning == null) {
            return;
        }
        Integer min = tuning.getElectionTimeoutMinMillis();
        Integer max = tuning.getElectionTimeoutMaxMillis();
        if (min != null && max != null && min >= max) {
            problems.add(
                    "spec.tuning.electionTimeoutMinMillis ("
                            + min
                            + ") must be below spec.tuning.electionTimeoutMaxMillis ("
                            + max
                            + ")");
        }
    }

    private static void checkExtraConfig(List<String> problems, ExtraConfigSpec config) {
        if (config == null) {
            return;
        }
        checkSection(
                problems, "spec.config.controller", config.getController(), OWNED_CONTROLLER_KEYS);
        checkSection(problems, "spec.config.datanode", config.getDatanode(), OWNED_DATANODE_KEYS);
        checkSection(problems, "spec.config.cluster", config.getCluster(), Set.of());
    }

    private static void checkSection(
            List<String> problems, String field, Map<String, String> entries, Set<String> owned) {
        if (entries == null) {
            return;
        }
        entries.forEach(
                (key, value) -> {
                    if (!CONFIG_KEY.matcher(key).matches()) {
                        problems.add(
                                field
                                        + " key '"
                                        + key
                                        + "' is not a config key (letters, digits, '_' and '.')");
                    } else if (owned.contains(key)) {
                        problems.add(
                                field
                                        + " key '"
                                        + key
                                        + "' is set by the operator from the spec; use the spec field");
                    }
                    if (value == null || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                        problems.add(field + " value of '" + key + "' must be one line");
                    }
                });
    }
}
