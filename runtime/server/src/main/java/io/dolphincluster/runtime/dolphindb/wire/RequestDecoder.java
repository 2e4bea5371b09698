package io.dolphincluster.runtime.dolphindb.wire;

import io.dolphincluster.runtime.dolphindb.codec.EntityReader;
import io.dolphincluster.runtime.dolphindb.codec.MalformedObjectException;
import io.dolphincluster.runtime.dolphindb.codec.ObjectScanner;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Cuts a DolphinDB API byte stream into {@link ApiRequest}s: the header line (at most {@value
 * #MAX_HEADER_BYTES} bytes), the text body of the length the header gives, then the serialized
 * arguments, whose end is found by an {@link ObjectScanner} as they arrive. A request larger than
 * the current limit (small before login), a request not complete within the request timeout of its
 * first byte (whether more bytes come or not: a timer checks), or anything malformed is a {@link
 * MalformedRequestException} (or {@link MalformedObjectException}; the timer's is passed on as an
 * exception event); after it every further byte is discarded, and the caller closes the connection.
 */
public final class RequestDecoder extends ByteToMessageDecoder {
    static final int MAX_HEADER_BYTES = 1024;

    private final IntSupplier maxRequestBytes;
    private final long timeoutNanos;
    private RequestHeader header;
    private RequestBody body;
    private ObjectScanner scanner;
    private long partialSince = -1;
    private ScheduledFuture<?> deadline;
    private boolean failed;

    public RequestDecoder(IntSupplier maxRequestBytes, Duration requestTimeout) {
        this.maxRequestBytes = maxRequestBytes;
        this.timeoutNanos = requestTimeout.toNanos();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            ApiRequest request = next(in);
            if (request != null) out.add(request);
            if (partialSince >= 0 && deadline == null) armDeadline(ctx, partialSince);
        } catch (MalformedRequestException | MalformedObjectException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private ApiRequest next(ByteBuf in) {
        if (!in.isReadable()) return null;
        long now = System.nanoTime();
        if (partialSince < 0) partialSince = now;
        if (now - partialSince > timeoutNanos) {
            throw new MalformedRequestException(timeoutMessage());
        }
        int limit = maxRequestBytes.getAsInt();
        if (header == null && !readHeader(in, limit)) return null;
        if (body == null) {
            if (in.readableBytes() < header.bodyLength()) return null;
            body =
                    RequestBody.parse(
                            in.readCharSequence(header.bodyLength(), StandardCharsets.UTF_8)
                                    .toString());
            scanner = new ObjectScanner(body.objectCount(), limit - header.bodyLength());
        }
        if (!scanner.scan(in)) return null;
        List<Entity> args =
                EntityReader.read(
                        in.slice(in.readerIndex(), (int) scanner.end()), body.objectCount());
        in.skipBytes((int) scanner.end());
        ApiRequest request =
                new ApiRequest(
                        body.kind(),
                        header.sessionId(),
                        header.flags(),
                        header.clientId(),
                        header.seqNo(),
                        body.text(),
                        args);
        header = null;
        body = null;
        scanner = null;
        partialSince = in.isReadable() ? now : -1;
        cancelDeadline();
        return request;
    }

    /**
     * A request begun at {@code since} that is still incomplete when the timeout has passed fails
     * the connection.
     */
    private void armDeadline(ChannelHandlerContext ctx, long since) {
        deadline =
                ctx.executor()
                        .schedule(
                                () -> {
                                    if (failed || partialSince != since) return;
                                    failed = true;
                                    ctx.fireExceptionCaught(
                                            new MalformedRequestException(timeoutMessage()));
                                },
                                timeoutNanos,
                                TimeUnit.NANOSECONDS);
    }

    private void cancelDeadline() {
        if (deadline != null) deadline.cancel(false);
        deadline = null;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelDeadline();
    }

    private String timeoutMessage() {
        return "Invalid request: not completed within "
                + Duration.ofNanos(timeoutNanos).toMillis()
                + " ms";
    }

    private boolean readHeader(ByteBuf in, int limit) {
        int end =
                in.indexOf(
                        in.readerIndex(),
                        in.readerIndex() + Math.min(in.readableBytes(), MAX_HEADER_BYTES),
                        (byte) '\n');
        if (end < 0) {
            if (in.readableBytes() >= MAX_HEADER_BYTES)
                throw new MalformedRequestException(
                        "Invalid request: a header line longer than "
                                + MAX_HEADER_BYTES
                                + " bytes");
            return false;
        }
        String line =
                in.readCharSequence(end - in.readerIndex(), StandardCharsets.UTF_8).toString();
        in.skipBytes(1);
        header = RequestHeader.parse(line, limit);
        return true;
    }
}
