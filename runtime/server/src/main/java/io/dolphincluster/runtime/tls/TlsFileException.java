package io.dolphincluster.runtime.tls;

import java.nio.file.Path;

/**
 * One of the {@link TlsFiles} is missing, unreadable or does not hold what it should: the file,
 * what was expected there and what was found instead. The message never holds key bytes.
 */
public final class TlsFileException extends Exception {
    private final Path file;
    private final String expected;
    private final String found;

    public TlsFileException(Path file, String expected, String found) {
        super(file + ": expected " + expected + ", but " + found);
        this.file = file;
        this.expected = expected;
        this.found = found;
    }

    public Path file() {
        return file;
    }

    /** What the file should hold, e.g. "a PEM certificate". */
    public String expected() {
        return expected;
    }

    /** What is wrong instead, with how to fix it where that helps. */
    public String found() {
        return found;
    }
}
