package io.dolphincluster.operator.runtime;

/**
 * A controller's answer to an admin request: the HTTP status (0 when it did not answer) and its
 * message.
 */
public record AdminReply(int status, String message) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
