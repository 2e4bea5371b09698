package io.dolphincluster.adminapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * What one controller knows of the Raft group: the answer of {@link AdminRoutes#RAFT}.
 *
 * @param phase {@code STARTING} while the controller decides how to join (Raft not running yet),
 *     then {@code RUNNING}
 * @param leader the leader's alias, or {@code null} when none is known
 * @param leaderReady whether this controller is the leader and has committed an entry of its term,
 *     so it accepts writes
 * @param members the current configuration; empty on a controller never added to a group
 * @param followerLastResponseMillis on the leader, how long ago each follower last answered it;
 *     empty elsewhere
 * @param startId a random id of this controller process, so others can tell one start from the next
 * @param bootstrapStartIds when this controller formed a new group: the start ids of the other
 *     controllers it saw starting at that moment (see the controller's {@code GroupBootstrap})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RaftStatus(
        String alias,
        String phase,
        String role,
        long term,
        String leader,
        String leaderSite,
        boolean leaderReady,
        long commitIndex,
        long appliedIndex,
        long snapshotIndex,
        long snapshotsInstalled,
        boolean configurationStable,
        long configurationIndex,
        List<Member> members,
        Map<String, Long> followerLastResponseMillis,
        String startId,
        Map<String, String> bootstrapStartIds) {

    public RaftStatus {
        members = members == null ? List.of() : List.copyOf(members);
        followerLastResponseMillis =
                followerLastResponseMillis == null
                        ? Map.of()
                        : Map.copyOf(followerLastResponseMillis);
        bootstrapStartIds = bootstrapStartIds == null ? Map.of() : Map.copyOf(bootstrapStartIds);
    }

    public static final String STARTING = "STARTING";
    public static final String RUNNING = "RUNNING";

    /**
     * A voting member of the group: its alias, admin site and Raft address (both {@code
     * host:port}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Member(String alias, String site, String raftAddress) {}

    public static RaftStatus starting(String alias, String startId) {
        return new RaftStatus(
                alias, STARTING, "NONE", 0, null, null, false, -1, -1, -1, 0, true, -1, List.of(),
                Map.of(), startId, Map.of());
    }

    /**
     * Whether this controller serves: it is a member of a group whose leader it knows ({@code GET
     * /api/ready}).
     */
    public boolean ready() {
        return leader != null && hasMember(alias);
    }

    /**
     * Whether this controller runs Raft but is not a member of the group it knows: never added, or
     * added without success (an add that did not commit leaves it with the group's members it
     * learnt while being caught up), or removed. The leader may add it (again).
     */
    public boolean waitingToBeAdded() {
        return RUNNING.equals(phase) && !hasMember(alias);
    }

    public boolean hasMember(String memberAlias) {
        return members.stream().anyMatch(m -> m.alias().equals(memberAlias));
    }
}
