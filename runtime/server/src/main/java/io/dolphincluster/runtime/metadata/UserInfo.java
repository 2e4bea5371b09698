package io.dolphincluster.runtime.metadata;

/**
 * A user who may log in to the datanodes.
 *
 * @param passwordHash the password's PBKDF2 hash ({@code pbkdf2-sha256$iterations$salt$hash}),
 *     never the password
 * @param admin whether the user administers the cluster
 */
public record UserInfo(String name, String passwordHash, boolean admin) {}
