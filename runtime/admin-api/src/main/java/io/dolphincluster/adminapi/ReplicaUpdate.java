package io.dolphincluster.adminapi;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@link AdminRoutes#SET_REPLICA}: a replica in or out of sync at record {@code version}, if the
 * chunk is still in epoch {@code expectedEpoch}. Absent values are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaUpdate(Boolean inSync, Long version, Long expectedEpoch) {}
