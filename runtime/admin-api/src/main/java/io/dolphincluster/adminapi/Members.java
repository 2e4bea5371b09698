package io.dolphincluster.adminapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@link AdminRoutes#MEMBERS}: the Raft group's voting members. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Members(List<RaftStatus.Member> members) {

    public Members {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** The members' aliases, in order. */
    public List<String> aliases() {
        return members.stream().map(RaftStatus.Member::alias).toList();
    }
}
