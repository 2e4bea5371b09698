package io.dolphincluster.runtime.launcher;

/**
 * A failure in one line that names its cause: the kind and message of the exception, then those of
 * its causes that the text does not hold yet. An exception without a message still says what it is:
 * a bind to an unresolved address fails with a bare {@code UnresolvedAddressException}, which used
 * to be printed as "null".
 */
final class FailureText {
    private static final int MAX_CAUSES = 8;

    private FailureText() {}

    static String of(Throwable failure) {
        StringBuilder text = new StringBuilder(describe(failure));
        Throwable cause = failure.getCause();
        for (int depth = 0;
                cause != null && depth < MAX_CAUSES;
                depth++, cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message == null || message.isBlank() || !text.toString().contains(message)) {
                text.append(" (caused by ").append(describe(cause)).append(')');
            }
        }
        return text.toString();
    }

    private static String describe(Throwable failure) {
        String kind = failure.getClass().getSimpleName();
        String message = failure.getMessage();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
