package io.dolphincluster.protocol.wire;

/**
 * A replica's answer to {@link ReplicaAppend}: its last sequence number, every record up to it on
 * disk, and the digest of its log up to there (the primary confirms the replica only when both
 * equal its own).
 */
public record ReplicaAck(long lastSeq, long digest) implements Message {
    @Override
    public MessageType type() {
        return MessageType.REPLICA_ACK;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeLong(lastSeq).writeLong(digest);
    }

    static ReplicaAck read(PayloadReader in) {
        return new ReplicaAck(in.readLong(), in.readLong());
    }
}
