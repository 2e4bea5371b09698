package io.dolphincluster.runtime.datanode;

import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.adminapi.ReplicaUpdate;
import io.dolphincluster.runtime.link.ControllerLink;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the controller leader that a replica is in or out of sync, or is gone, as a compare-and-set
 * on the chunk's epoch: the change applies only if the chunk is still in the configuration the
 * caller decided on. Marking out of sync must succeed before a write is acknowledged without that
 * replica, so a refusal (409: another epoch, or the chunk's last in-sync replica) or an unreachable
 * leader is an exception here.
 */
public final class ReplicaStates {
    private static final Logger log = LoggerFactory.getLogger(ReplicaStates.class);

    private final String alias;
    private final ControllerLink link;

    public ReplicaStates(String alias, ControllerLink link) {
        this.alias = alias;
        this.link = link;
    }

    public void markOutOfSync(String chunkId, String replica, long expectedEpoch, String reason)
            throws IOException, InterruptedException {
        set(chunkId, replica, false, 0, expectedEpoch);
        log.info(
                "[{}] chunk {}: replica on {} is out of sync (epoch {} ended): {}",
                alias,
                chunkId,
                replica,
                expectedEpoch,
                reason);
    }

    public void markInSync(String chunkId, String replica, long version, long expectedEpoch)
            throws IOException, InterruptedException {
        set(chunkId, replica, true, version, expectedEpoch);
        log.info(
                "[{}] chunk {}: replica on {} caught up at record {} and is in sync (epoch {} ended)",
                alias,
                chunkId,
                replica,
                version,
                expectedEpoch);
    }

    public void remove(String chunkId, String replica, long expectedEpoch)
            throws IOException, InterruptedException {
        String path =
                AdminRoutes.REMOVE_REPLICA.pathWithQuery(
                        "expectedEpoch", Long.toString(expectedEpoch), chunkId, replica);
        ControllerLink.Answer answer = link.delete(path);
        if (!answer.ok()) {
            throw new IOException(
                    "controller refused to remove chunk "
                            + chunkId
                            + " replica "
                            + replica
                            + ": "
                            + answer.status()
                            + " "
                            + answer.error());
        }
    }

    private void set(
            String chunkId, String replica, boolean inSync, long version, long expectedEpoch)
            throws IOException, InterruptedException {
        String path = AdminRoutes.SET_REPLICA.path(chunkId, replica);
        ControllerLink.Answer answer =
                link.post(path, new ReplicaUpdate(inSync, version, expectedEpoch));
        if (!answer.ok()) {
            throw new IOException(
                    "controller refused to mark chunk "
                            + chunkId
                            + " replica "
                            + replica
                            + (inSync ? " in sync" : " out of sync")
                            + ": "
                            + answer.status()
                            + " "
                            + answer.error());
        }
    }
}
