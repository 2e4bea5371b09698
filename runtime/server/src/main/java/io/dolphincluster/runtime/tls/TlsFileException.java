package io.dolphincluster.runtime.tls;

import java.nio.file.Path;

/** One of the {@link TlsFiles} is missing, unreadable or does not hold what it should; the message never holds key bytes. */
public final class TlsFileException extends Exception {
    private final Path file;

    public TlsFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** What was wrong, without the file's name. */
    public String problem() {
        return getMessage().substring(file.toString().length() + 2);
    }
}
