package io.dolphincluster.adminapi;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@link AdminRoutes#REGISTER}: an agent or datanode ({@code mode}) at {@code site} ({@code
 * host:port}) on a machine and zone; a datanode names its chunk store ({@code storeId}). Absent
 * values are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Registration(
        String alias, String site, String mode, String machine, String zone, String storeId) {

    /** The same registration with its chunk store's id. */
    public Registration withStoreId(String id) {
        return new Registration(alias, site, mode, machine, zone, id);
    }
}
