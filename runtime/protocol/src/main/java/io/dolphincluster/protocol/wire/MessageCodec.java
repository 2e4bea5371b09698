package io.dolphincluster.protocol.wire;

/**
 * Turns a {@link Message} into a {@link Frame} and back. Decoding never trusts the payload:
 * anything that is not exactly one valid message of the frame's type is a {@link
 * MalformedFrameException}.
 */
public final class MessageCodec {
    private MessageCodec() {}

    public static Frame encode(long requestId, Message message) {
        PayloadWriter out = new PayloadWriter();
        message.writePayload(out);
        return new Frame(message.type().code(), requestId, out.toByteArray());
    }

    public static Message decode(Frame frame) {
        MessageType type = MessageType.of(frame.type());
        PayloadReader in = new PayloadReader(frame.payload());
        Message message;
        try {
            message = type.read(in);
        } catch (WireFormatException e) {
            throw e;
        } catch (RuntimeException e) { // a record's own validation refused the decoded values
            throw new MalformedFrameException("invalid " + type + " message: " + e.getMessage(), e);
        }
        in.end();
        return message;
    }
}
