package io.dolphincluster.adminapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@link AdminRoutes#MEMBERS}: the Raft group's voting members. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Members(List<Member> members) {

    public Members {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** A member: its alias, admin site and Raft address (both {@code host:port}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Member(String alias, String site, String raftAddress) {}

    /** The members' aliases, in order. */
    public List<String> aliases() {
        return members.stream().map(Member::alias).toList();
    }
}
