package io.dolphincluster.protocol.wire;

/**
 * The rows an {@link Append} added (a retried append that was already applied reports the same
 * count).
 */
public record AppendOk(long rows) implements Message {
    @Override
    public MessageType type() {
        return MessageType.APPEND_OK;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeLong(rows);
    }

    static AppendOk read(PayloadReader in) {
        return new AppendOk(in.readLong());
    }
}
