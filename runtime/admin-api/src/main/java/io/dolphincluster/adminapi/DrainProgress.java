package io.dolphincluster.adminapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@link AdminRoutes#DRAIN_PROGRESS} (and the answer of {@link AdminRoutes#DRAIN}, {@link
 * AdminRoutes#UNDRAIN}): whether the datanode drains, the chunk replicas it still holds, its state
 * ({@code UP} or {@code DOWN}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DrainProgress(String alias, boolean draining, long replicas, String state) {}
