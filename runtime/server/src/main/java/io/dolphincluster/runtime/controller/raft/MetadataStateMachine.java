package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.CommandResult;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metadata.MetadataJson;
import io.dolphincluster.runtime.metadata.MetadataSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft state machine of the controllers: a thin adapter that decodes {@link MetadataCommand}s
 * from the log, applies them to {@link ClusterMetadata}, and writes and loads snapshots of it.
 *
 * <p>Snapshots are one JSON file each ({@code snapshot.TERM_INDEX} with an {@code .md5} beside it).
 * {@link #pause()} and {@link #reinitialize()} follow the LifeCycle that Ratis checks when a leader
 * installs a snapshot on a lagging follower.
 */
public final class MetadataStateMachine extends BaseStateMachine {
    private static final Logger log = LoggerFactory.getLogger(MetadataStateMachine.class);

    private final String alias;
    private final ClusterMetadata metadata;
    private final List<LeadershipListener> leadershipListeners = new CopyOnWriteArrayList<>();
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final SnapshotWriter snapshots;
    private final AtomicLong snapshotsInstalled = new AtomicLong();
    private final AtomicLong leaderChanges = new AtomicLong();

    /** Guards the pair (metadata, last applied index) so a snapshot never mixes two states. */
    private final Object applyLock = new Object();

    public MetadataStateMachine(String alias, ClusterMetadata metadata) {
        this.alias = alias;
        this.metadata = metadata;
        this.snapshots = new SnapshotWriter(alias, storage);
    }

    /** Leader-only work to start and stop with leadership; add before the server starts. */
    public void addLeadershipListener(LeadershipListener listener) {
        leadershipListeners.add(listener);
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
            throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        snapshots.removeUnfinished(raftStorage.getStorageDir().getStateMachineDir().toPath());
        getLifeCycle()
                .startAndTransition(
                        () -> loadSnapshot(storage.loadLatestSnapshot()), IOException.class);
    }

    @Override
    public void pause() {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    @Override
    public void reinitialize() throws IOException {
        getLifeCycle().transition(LifeCycle.State.STARTING);
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        loadSnapshot(snapshot);
        snapshotsInstalled.incrementAndGet();
        log.info(
                "[{}] installed snapshot from the leader at {}",
                alias,
                snapshot == null ? "none" : snapshot.getTermIndex());
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    private void loadSnapshot(SingleFileSnapshotInfo snapshot) throws IOException {
        if (snapshot == null) return;
        Path file = snapshot.getFile().getPath();
        verifyChecksum(file);
        MetadataSnapshot content =
                MetadataJson.decode(Files.readAllBytes(file), MetadataSnapshot.class);
        synchronized (applyLock) {
            metadata.restore(content, snapshot.getIndex());
            updateLastAppliedTermIndex(snapshot.getTerm(), snapshot.getIndex());
        }
        log.info("[{}] loaded metadata snapshot {}", alias, snapshot.getTermIndex());
    }

    /**
     * A snapshot that does not match its saved MD5 is refused: serving wrong metadata is worse than
     * not starting.
     */
    private void verifyChecksum(Path file) throws IOException {
        if (!MD5FileUtil.getDigestFileForFile(file.toFile()).exists()) {
            log.warn("[{}] snapshot {} has no .md5 file: loading it unverified", alias, file);
            return;
        }
        MD5Hash saved = MD5FileUtil.readStoredMd5ForFile(file.toFile());
        MD5Hash actual = MD5FileUtil.computeMd5ForFile(file.toFile());
        if (!actual.equals(saved)) {
            throw new IOException(
                    "snapshot "
                            + file
                            + " is corrupt: its MD5 "
                            + actual
                            + " does not match the saved "
                            + saved
                            + ". Empty this controller's data directory and restart it: the leader sends it a fresh copy");
        }
    }

    /**
     * Ratis calls this on the thread that applies the log, and again after every entry applied
     * while the log is past the snapshot threshold. The metadata is copied here, which is quick;
     * {@link SnapshotWriter} writes it meanwhile, and the first call after that puts the file in
     * place and returns its index. The others return -1: no new snapshot yet.
     */
    @Override
    public long takeSnapshot() throws IOException {
        long published = snapshots.publish();
        if (published >= 0) return published;
        if (snapshots.readyToStart()) {
            MetadataSnapshot content;
            TermIndex last;
            synchronized (applyLock) {
                content = metadata.snapshot();
                last = getLastAppliedTermIndex();
            }
            snapshots.start(content, last);
        }
        return RaftLog.INVALID_LOG_INDEX;
    }

    @Override
    public void close() throws IOException {
        snapshots.close();
        super.close();
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        List<CommandResult> results = new ArrayList<>();
        int commandCount = 1;
        synchronized (applyLock) {
            try {
                List<MetadataCommand> commands =
                        LogEntryCodec.commands(
                                entry.getStateMachineLogEntry().getLogData().toByteArray());
                if (commands.isEmpty()) throw new IOException("an entry without commands");
                commandCount = commands.size();
                for (MetadataCommand command : commands) {
                    results.add(applyOne(command, entry.getIndex()));
                }
            } catch (IOException | RuntimeException e) {
                // An entry every controller decodes the same way; refusing it keeps all of them
                // identical.
                results = List.of(CommandResult.refused("undecodable command: " + e.getMessage()));
            }
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        }
        return CompletableFuture.completedFuture(
                Message.valueOf(
                        org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(
                                LogEntryCodec.reply(results, commandCount))));
    }

    /** A command that fails is refused alone, as it was when each command had its own entry. */
    private CommandResult applyOne(MetadataCommand command, long index) {
        try {
            return metadata.apply(command, index);
        } catch (RuntimeException e) {
            return CommandResult.refused("undecodable command: " + e.getMessage());
        }
    }

    /**
     * How many times this controller has seen the leader change since it started (for {@code
     * /metrics}).
     */
    public long leaderChanges() {
        return leaderChanges.get();
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeader) {
        leaderChanges.incrementAndGet();
        log.info("[{}] leader is now {}", alias, newLeader);
    }

    @Override
    public void notifyLeaderReady() {
        getServer()
                .thenApply(
                        server -> {
                            try {
                                long term =
                                        server.getDivision(getGroupId()).getInfo().getCurrentTerm();
                                log.info("[{}] elected leader for term {}", alias, term);
                                leadershipListeners.forEach(l -> l.onLeaderReady(term));
                            } catch (IOException e) {
                                log.warn("[{}] leader ready but the division is gone", alias, e);
                            }
                            return null;
                        });
    }

    @Override
    public void notifyNotLeader(Collection<TransactionContext> pendingEntries) {
        log.info(
                "[{}] no longer leader ({} pending entries dropped)", alias, pendingEntries.size());
        leadershipListeners.forEach(LeadershipListener::onNotLeader);
    }

    @Override
    public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto newConf) {
        String members =
                newConf.getPeersList().stream()
                        .map(p -> p.getId().toStringUtf8())
                        .sorted()
                        .collect(Collectors.joining(","));
        String old =
                newConf.getOldPeersList().stream()
                        .map(p -> p.getId().toStringUtf8())
                        .sorted()
                        .collect(Collectors.joining(","));
        log.info(
                "[{}] membership changed at index {} term {}: members [{}]{}",
                alias,
                index,
                term,
                members,
                old.isEmpty() ? "" : " (transitional, old [" + old + "])");
    }

    /** How many snapshots were installed from a leader since this process started. */
    public long snapshotsInstalled() {
        return snapshotsInstalled.get();
    }
}
