package io.dolphincluster.runtime.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Durability of a directory's entries, for every writer that renames or deletes files. */
public final class Fsync {
    private Fsync() {}

    /**
     * Makes entries created, renamed or removed in {@code dir} durable (Linux and macOS allow
     * this): without it a power loss can undo a rename whose file was itself fsync'd.
     */
    public static void directory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
