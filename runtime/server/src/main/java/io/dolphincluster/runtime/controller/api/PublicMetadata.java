package io.dolphincluster.runtime.controller.api;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.DatabaseInfo;
import io.dolphincluster.runtime.metadata.MetadataSnapshot;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.TableInfo;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/metadata} shows: the whole metadata except secrets. Users appear by name and
 * role, without their password hashes, and the cluster secret not at all (both are under {@code
 * /api/internal}).
 *
 * @param replicationFactor the controllers' {@code dfsReplicationFactor}, which a chunk's primary
 *     needs to know when a replica on a draining datanode may be released
 * @param appliedIndex the Raft index of the last command this metadata reflects: a reader keeps the
 *     copy with the highest one, so its view never goes back in time when it asks another
 *     controller
 */
record PublicMetadata(
        List<NodeInfo> nodes,
        List<DatabaseInfo> databases,
        List<TableInfo> tables,
        List<ChunkInfo> chunks,
        Map<String, String> config,
        List<PublicUser> users,
        int replicationFactor,
        long appliedIndex) {

    record PublicUser(String name, boolean admin) {}

    static PublicMetadata of(ClusterMetadata.Versioned versioned, int replicationFactor) {
        MetadataSnapshot snapshot = versioned.snapshot();
        return new PublicMetadata(
                snapshot.nodes(),
                snapshot.databases(),
                snapshot.tables(),
                snapshot.chunks(),
                snapshot.config(),
                snapshot.users().stream().map(u -> new PublicUser(u.name(), u.admin())).toList(),
                replicationFactor,
                versioned.appliedIndex());
    }
}
