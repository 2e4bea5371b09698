package io.dolphincluster.runtime.datanode;

import io.dolphincluster.protocol.query.Query;

/**
 * Clients name distributed databases as DolphinDB does, {@code dfs://name}; the controllers'
 * metadata keeps the plain {@code name}. A name without the prefix is refused, so a typo cannot
 * create a second database.
 */
final class DatabaseNames {
    static final String PREFIX = "dfs://";

    private DatabaseNames() {}

    static String plain(String database) {
        if (database == null
                || !database.startsWith(PREFIX)
                || database.length() == PREFIX.length()) {
            throw new IllegalArgumentException(
                    "a distributed database is named dfs://name, got '" + database + "'");
        }
        return database.substring(PREFIX.length());
    }

    static Query plainQuery(Query query) {
        return new Query(
                plain(query.database()),
                query.table(),
                query.select(),
                query.where(),
                query.aggregates(),
                query.groupBy(),
                query.limit());
    }
}
