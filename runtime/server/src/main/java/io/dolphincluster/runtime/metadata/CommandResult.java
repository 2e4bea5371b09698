package io.dolphincluster.runtime.metadata;

/**
 * The outcome of applying one {@link MetadataCommand}: every controller computes the same one.
 *
 * @param applied whether the metadata changed (false: the command was refused, and {@code message}
 *     says why)
 */
public record CommandResult(boolean applied, String message) {

    public static CommandResult ok(String message) {
        return new CommandResult(true, message);
    }

    public static CommandResult refused(String message) {
        return new CommandResult(false, message);
    }
}
