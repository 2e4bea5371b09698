package io.dolphincluster.adminapi;

import java.util.List;

/**
 * {@link AdminRoutes#ADD_MEMBER}: add the controller {@code alias} at {@code site} (its admin
 * {@code host:port}), if the group's members are still {@code expectedMembers} (null: any).
 */
public record AddMember(String alias, String site, List<String> expectedMembers) {}
