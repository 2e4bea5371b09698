package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.runtime.metadata.CommandResult;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metadata.MetadataJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a Raft log entry and of its reply. An entry holds one command (its JSON object, the
 * format of every entry before batching) or several ({@code [cmd,cmd,...]}, written when concurrent
 * writes share one entry); the reply holds one result, or a JSON array with one result per command
 * in the same order.
 */
final class LogEntryCodec {
    private LogEntryCodec() {}

    /** One entry of the commands, each already encoded with {@link MetadataJson#encode}. */
    static byte[] entry(List<byte[]> encodedCommands) {
        if (encodedCommands.size() == 1) return encodedCommands.get(0);
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(
                        2 + encodedCommands.stream().mapToInt(c -> c.length + 1).sum());
        out.write('[');
        for (int i = 0; i < encodedCommands.size(); i++) {
            if (i > 0) out.write(',');
            out.writeBytes(encodedCommands.get(i));
        }
        out.write(']');
        return out.toByteArray();
    }

    /** The commands of an entry, in order. */
    static List<MetadataCommand> commands(byte[] entry) throws IOException {
        if (isArray(entry)) return List.of(MetadataJson.decode(entry, MetadataCommand[].class));
        return List.of(MetadataJson.decode(entry, MetadataCommand.class));
    }

    /**
     * The reply to an entry of {@code commandCount} commands; a single result when the entry held
     * one command or could not be decoded.
     */
    static byte[] reply(List<CommandResult> results, int commandCount) {
        return commandCount == 1 || results.size() != commandCount
                ? MetadataJson.encode(results.get(0))
                : MetadataJson.encode(results);
    }

    /**
     * The result of each of {@code commandCount} commands from a reply; a single result (an entry
     * that could not be decoded is refused as a whole) answers them all.
     */
    static List<CommandResult> results(byte[] reply, int commandCount) throws IOException {
        if (!isArray(reply)) {
            CommandResult result = MetadataJson.decode(reply, CommandResult.class);
            List<CommandResult> all = new ArrayList<>(commandCount);
            for (int i = 0; i < commandCount; i++) all.add(result);
            return all;
        }
        List<CommandResult> results = List.of(MetadataJson.decode(reply, CommandResult[].class));
        if (results.size() != commandCount) {
            throw new IOException(
                    "the reply has "
                            + results.size()
                            + " results for "
                            + commandCount
                            + " commands");
        }
        return results;
    }

    private static boolean isArray(byte[] json) {
        for (byte b : json) {
            if (b == '[') return true;
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') return false;
        }
        return false;
    }
}
