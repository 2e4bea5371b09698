package io.dolphincluster.operator.runtime;

import java.util.List;

/** What the controllers said about their Raft group: the leader's alias and the member aliases. */
public record RaftGroupView(String leader, List<String> members) {}
