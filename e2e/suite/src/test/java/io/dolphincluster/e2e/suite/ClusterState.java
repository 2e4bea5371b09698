package io.dolphincluster.e2e.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a DolphinCluster resource says at one moment ({@code kubectl get dolphincluster NAME -o
 * json}): its spec counts, annotations and the operator's status. {@link #settled} is the
 * contract's "nothing left to do".
 */
record ClusterState(
        long generation,
        long observedGeneration,
        int specControllers,
        int specDatanodes,
        String specImage,
        String phase,
        List<String> members,
        String leader,
        String controllersReady,
        String datanodesReady,
        JsonNode change,
        JsonNode conditions,
        JsonNode annotations) {

    static ClusterState of(JsonNode resource) {
        JsonNode spec = resource.path("spec");
        JsonNode status = resource.path("status");
        List<String> members = new ArrayList<>();
        status.path("members").forEach(m -> members.add(m.asText()));
        return new ClusterState(
                resource.path("metadata").path("generation").asLong(),
                status.path("observedGeneration").asLong(-1),
                spec.path("controllers").path("replicas").asInt(3),
                spec.path("datanodes").path("replicas").asInt(3),
                spec.path("image").asText(""),
                status.path("phase").asText(""),
                List.copyOf(members),
                status.path("leader").asText(""),
                status.path("controllersReady").asText(""),
                status.path("datanodesReady").asText(""),
                status.path("change"),
                status.path("conditions"),
                resource.path("metadata").path("annotations"));
    }

    /** Whether a change is in progress ({@code .status.change} present). */
    boolean changing() {
        return !change.isMissingNode() && !change.isNull();
    }

    /** {@code .status.change.kind}, or "" when no change is in progress. */
    String changeKind() {
        return change.path("kind").asText("");
    }

    /**
     * Running, no change in progress, as many Raft members as the spec asks, every pod of both
     * roles ready, and the status written for the current generation (when the operator reports
     * one).
     */
    boolean settled() {
        return "Running".equals(phase)
                && !changing()
                && members.size() == specControllers
                && (specControllers + "/" + specControllers).equals(controllersReady)
                && (specDatanodes + "/" + specDatanodes).equals(datanodesReady)
                && (observedGeneration < 0 || observedGeneration >= generation);
    }

    /** The status of condition {@code type} ("True", "False", "Unknown"), or "" when absent. */
    String condition(String type) {
        for (JsonNode c : conditions) {
            if (type.equals(c.path("type").asText())) return c.path("status").asText("");
        }
        return "";
    }

    /** The reason of condition {@code type}, or "" when absent. */
    String conditionReason(String type) {
        for (JsonNode c : conditions) {
            if (type.equals(c.path("type").asText())) return c.path("reason").asText("");
        }
        return "";
    }

    /** A one-line summary for logs and assertion messages. */
    String summary() {
        return "phase="
                + phase
                + " members="
                + members
                + " leader="
                + leader
                + " controllers="
                + controllersReady
                + " datanodes="
                + datanodesReady
                + " change="
                + (changing() ? change.toString() : "-")
                + " generation="
                + generation
                + "/"
                + observedGeneration;
    }
}
