package io.dolphincluster.protocol.wire;

/** A replica's answer to {@link ReplicaAppend}: its last sequence number, every record up to it on disk. */
public record ReplicaAck(long lastSeq) implements Message {
    @Override
    public MessageType type() {
        return MessageType.REPLICA_ACK;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeLong(lastSeq);
    }

    static ReplicaAck read(PayloadReader in) {
        return new ReplicaAck(in.readLong());
    }
}
