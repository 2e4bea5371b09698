package io.dolphincluster.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes a complete chunk log file so that a crash leaves either the previous file or the new one:
 * the records go to a temporary file beside the log, which is fsync'd, renamed over the log in one
 * atomic step, after which the directory is fsync'd so the rename itself is durable.
 */
final class LogFileWriter {

    private LogFileWriter() {}

    /**
     * Replaces {@code logFile} with a file holding exactly {@code records} (seq 1, 2, ...); returns
     * their index.
     */
    static RecordIndex writeAtomically(Path logFile, Path tempFile, List<ChunkRecord> records)
            throws IOException {
        RecordIndex index = new RecordIndex();
        try (FileChannel out =
                FileChannel.open(
                        tempFile,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, new ByteBuffer[] {RecordFormat.fileHeader()});
            long pos = RecordFormat.FILE_HEADER_BYTES;
            for (ChunkRecord record : records) {
                long size = RecordFormat.encodedSize(record);
                writeFully(out, RecordFormat.encode(record));
                index.add(pos, record.writeId(), size);
                pos += size;
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tempFile);
            throw e;
        }
        Files.move(
                tempFile,
                logFile,
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Fsync.directory(logFile.getParent());
        return index;
    }

    static void writeFully(FileChannel channel, ByteBuffer[] buffers) throws IOException {
        while (hasRemaining(buffers)) {
            channel.write(buffers);
        }
    }

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer buffer : buffers) {
            if (buffer.hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
