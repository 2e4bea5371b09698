package io.dolphincluster.adminapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@link AdminRoutes#NODES}: the leader and term as the controller {@code answeredBy} knows them,
 * the controllers (the group's members) and the registered agents and datanodes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodesAnswer(
        String answeredBy,
        String leader,
        String leaderSite,
        long term,
        List<ControllerRow> controllers,
        List<NodeRow> nodes) {

    public NodesAnswer {
        controllers = controllers == null ? List.of() : List.copyOf(controllers);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** A controller: {@code mode} is {@code controller}; {@code leader} whether it leads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ControllerRow(String alias, String site, String mode, boolean leader) {}

    /**
     * An agent or datanode ({@code mode}) in the metadata: {@code state} {@code UP} or {@code
     * DOWN}; {@code lastHeartbeatMillis} the age of its last heartbeat on the leader (null
     * elsewhere, or before the first).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NodeRow(
            String alias,
            String site,
            String mode,
            String machine,
            String zone,
            String state,
            boolean draining,
            long registeredAtMillis,
            long stateChangedAtMillis,
            Long lastHeartbeatMillis) {}
}
