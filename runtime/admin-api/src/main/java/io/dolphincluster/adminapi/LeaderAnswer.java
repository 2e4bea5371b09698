package io.dolphincluster.adminapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@link AdminRoutes#LEADER}: the leader's alias, admin site and term as the controller {@code
 * answeredBy} knows them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaderAnswer(String alias, String site, long term, String answeredBy) {}
