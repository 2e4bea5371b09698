package io.dolphincluster.runtime.auth;

import java.util.Locale;

/**
 * What a user may do. {@link #ADMIN} administers the cluster and writes data (create, append,
 * drop); {@link #READER} reads: queries on the data port, the read routes of the HTTP APIs. Stored
 * in the metadata as the user's admin flag.
 */
public enum Role {
    ADMIN,
    READER;

    public static Role of(boolean admin) {
        return admin ? ADMIN : READER;
    }

    /** {@code admin} or {@code reader}, as the API and the config files spell it. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role named {@code admin} or {@code reader} (any case); an {@link
     * IllegalArgumentException} otherwise.
     */
    public static Role parse(String name) {
        for (Role role : values()) {
            if (role.configName().equalsIgnoreCase(name == null ? "" : name.strip())) return role;
        }
        throw new IllegalArgumentException("a role, admin or reader, got '" + name + "'");
    }
}
