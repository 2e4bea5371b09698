/**
 * The decisions of chunk replication, as plain deterministic code with no I/O (in the manner of
 * etcd's raft core): what a primary does with each answer while it brings a write to every in-sync
 * replica ({@link io.dolphincluster.runtime.replication.PrimaryRound}), whether a replica takes
 * records it is sent ({@link io.dolphincluster.runtime.replication.AppendRule}), and how a replica
 * that is behind catches up ({@link io.dolphincluster.runtime.replication.CatchUpRule}). The
 * datanode's drivers ({@code datanode.ReplicationPath}, {@code datanode.ReplicaSide}, {@code
 * datanode.ReplicaRepair}) feed them events and carry out the effects they return against the chunk
 * log, the peers and the controller. The scenario files under {@code
 * src/test/resources/replication/} pin their behaviour.
 */
package io.dolphincluster.runtime.replication;
