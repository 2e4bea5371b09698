package io.dolphincluster.runtime.datanode;

/**
 * A write or catch-up reached a node that is not (or no longer) the chunk's primary; the sender
 * retries elsewhere.
 */
public final class NotPrimaryException extends Exception {
    public NotPrimaryException(String message) {
        super(message);
    }
}
