/**
 * The datanode's chunk store: one append-only, checksummed, fsync'd record log per chunk replica.
 *
 * <ul>
 *   <li>{@link io.dolphincluster.runtime.storage.ChunkStore}: all replicas of a datanode under
 *       {@code <home>/chunks/<chunkId>/}, one {@link io.dolphincluster.runtime.storage.ChunkLog}
 *       each.
 *   <li>{@link io.dolphincluster.runtime.storage.ChunkLog}: append (fsync'd, group commit), read
 *       with checksum verification, atomic replace for catch-up, torn-tail repair on open.
 *   <li>{@link io.dolphincluster.runtime.storage.CorruptChunkException}: damage no crash explains;
 *       the replica must be rebuilt from a good one.
 *   <li>{@code RecordFormat} (file layout), {@code LogScanner} (open-time scan: torn tail or
 *       corruption), {@code RecordReader} (verified reads), {@code LogFileWriter} (atomic
 *       whole-file writes).
 * </ul>
 */
package io.dolphincluster.runtime.storage;
