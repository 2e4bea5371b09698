package io.dolphincluster.client;

/**
 * A connection to one datanode that failed (could not connect, closed, no answer in time): a reason
 * to fail over.
 */
final class LinkFailure extends Exception {
    LinkFailure(String message) {
        super(message);
    }

    LinkFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
