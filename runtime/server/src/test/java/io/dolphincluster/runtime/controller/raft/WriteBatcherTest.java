package io.dolphincluster.runtime.controller.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.CommandResult;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metadata.MetadataJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The batcher against a stand-in log that applies each entry to real metadata, as the state machine
 * does, but completes entries only when the test says so.
 */
class WriteBatcherTest {
    private final ClusterMetadata metadata = new ClusterMetadata();
    private final List<byte[]> entries = new ArrayList<>();
    private final List<CompletableFuture<byte[]>> replies = new ArrayList<>();
    private final WriteBatcher batcher =
            new WriteBatcher(
                    entry -> {
                        CompletableFuture<byte[]> reply = new CompletableFuture<>();
                        entries.add(entry);
                        replies.add(reply);
                        return reply;
                    });

    private CompletableFuture<CommandResult> write(MetadataCommand command) {
        return batcher.write(MetadataJson.encode(command));
    }

    /** Applies entry {@code i} as the state machine does and completes its reply. */
    private void commit(int i) {
        try {
            List<MetadataCommand> commands = LogEntryCodec.commands(entries.get(i));
            List<CommandResult> results = new ArrayList<>();
            for (MetadataCommand command : commands) results.add(metadata.apply(command, i + 1));
            replies.get(i).complete(LogEntryCodec.reply(results, commands.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aLoneWriteIsSubmittedAtOnceInItsOwnEntryInTheSingleCommandFormat() throws Exception {
        CompletableFuture<CommandResult> result = write(new MetadataCommand.SetConfig("a", "1"));

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0))
                .isEqualTo(MetadataJson.encode(new MetadataCommand.SetConfig("a", "1")));
        commit(0);
        assertThat(result.get().applied()).isTrue();
        assertThat(metadata.snapshot().config()).containsEntry("a", "1");
    }

    @Test
    void writesArrivingWhileEntriesAreInFlightShareTheNextEntryEachWithItsOwnResult()
            throws Exception {
        List<CompletableFuture<CommandResult>> inFlight = new ArrayList<>();
        for (int i = 0; i < WriteBatcher.MAX_ENTRIES_IN_FLIGHT; i++) {
            inFlight.add(write(new MetadataCommand.SetConfig("k" + i, "v")));
        }
        CompletableFuture<CommandResult> created =
                write(new MetadataCommand.CreateDatabase("db1", "VALUE", 1L));
        CompletableFuture<CommandResult> duplicate =
                write(new MetadataCommand.CreateDatabase("db1", "VALUE", 2L));
        CompletableFuture<CommandResult> dropped = write(new MetadataCommand.DropDatabase("db1"));
        assertThat(entries).hasSize(WriteBatcher.MAX_ENTRIES_IN_FLIGHT);

        commit(0);

        assertThat(entries).hasSize(WriteBatcher.MAX_ENTRIES_IN_FLIGHT + 1);
        assertThat(LogEntryCodec.commands(entries.get(entries.size() - 1))).hasSize(3);
        assertThat(created).isNotDone();
        for (int i = 1; i < entries.size(); i++) commit(i);
        for (CompletableFuture<CommandResult> each : inFlight) {
            assertThat(each.get().applied()).isTrue();
        }
        // applied in order, as separate entries would be: the second create is refused
        assertThat(created.get().applied()).isTrue();
        assertThat(duplicate.get().applied()).isFalse();
        assertThat(dropped.get().applied()).isTrue();
        assertThat(metadata.snapshot().databases()).isEmpty();
    }

    @Test
    void anEntryThatFailsFailsEveryWriteInItAndTheNextEntryIsStillSent() throws Exception {
        for (int i = 0; i < WriteBatcher.MAX_ENTRIES_IN_FLIGHT; i++) {
            write(new MetadataCommand.SetConfig("k" + i, "v"));
        }
        CompletableFuture<CommandResult> first = write(new MetadataCommand.SetConfig("x", "1"));
        CompletableFuture<CommandResult> second = write(new MetadataCommand.SetConfig("y", "2"));
        commit(0);
        replies.get(WriteBatcher.MAX_ENTRIES_IN_FLIGHT)
                .completeExceptionally(new IllegalStateException("leadership lost"));

        for (CompletableFuture<CommandResult> failed : List.of(first, second)) {
            assertThat(failed)
                    .failsWithin(java.time.Duration.ZERO)
                    .withThrowableOfType(ExecutionException.class)
                    .withMessageContaining("leadership lost");
        }
        CompletableFuture<CommandResult> later = write(new MetadataCommand.SetConfig("z", "3"));
        commit(1);
        commit(entries.size() - 1);
        assertThat(later.get().applied()).isTrue();
    }

    @Test
    void anUndecodableBatchIsRefusedForEveryCommandInIt() throws Exception {
        assertThat(
                        LogEntryCodec.results(
                                LogEntryCodec.reply(
                                        List.of(CommandResult.refused("undecodable command")), 3),
                                3))
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.applied()).isFalse());
    }
}
