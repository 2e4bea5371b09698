package io.dolphincluster.protocol.wire;

import java.util.function.Function;

/**
 * The numeric type code of every message. Codes are part of the wire format: never renumber or
 * reuse one; add new messages with new codes.
 */
public enum MessageType {
    LOGIN(1, Login::read),
    LOGIN_OK(2, in -> new LoginOk()),
    ERROR(3, ErrorReply::read),
    OK(4, in -> new Ok()),
    GET_ACTIVE_MASTER(10, in -> new GetActiveMaster()),
    ACTIVE_MASTER(11, ActiveMaster::read),
    GET_SITES(12, in -> new GetSites()),
    SITES(13, Sites::read),
    CREATE_DATABASE(20, CreateDatabase::read),
    CREATE_TABLE(21, CreateTable::read),
    APPEND(22, Append::read),
    APPEND_OK(23, AppendOk::read),
    RUN_QUERY(24, RunQuery::read),
    QUERY_RESULT(25, QueryResult::read),
    DROP(26, Drop::read),
    REPLICA_WRITE(40, ReplicaWrite::read),
    REPLICA_APPEND(41, ReplicaAppend::read),
    CHUNK_FETCH(42, ChunkFetch::read),
    CHUNK_RECORDS(43, ChunkRecords::read),
    CHUNK_CATCH_UP(44, ChunkCatchUp::read),
    CHUNK_QUERY(45, ChunkQuery::read),
    REPLICA_ACK(46, ReplicaAck::read);

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType type : values()) BY_CODE[type.code] = type;
    }

    private final int code;
    private final Function<PayloadReader, Message> reader;

    MessageType(int code, Function<PayloadReader, Message> reader) {
        this.code = code;
        this.reader = reader;
    }

    public int code() {
        return code;
    }

    /** The type with this code; {@link MalformedFrameException} for an unknown code. */
    public static MessageType of(int code) {
        MessageType type = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (type == null) throw new MalformedFrameException("unknown message type " + code);
        return type;
    }

    Message read(PayloadReader in) {
        return reader.apply(in);
    }
}
