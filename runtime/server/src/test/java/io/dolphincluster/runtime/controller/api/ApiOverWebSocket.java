package io.dolphincluster.runtime.controller.api;

import io.dolphincluster.runtime.dolphindb.codec.EntityWriter;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * DolphinDB API requests over a WebSocket, as the JavaScript API sends them (one request per binary
 * message, one reply per message), with the JDK's WebSocket client: for tests that look at the
 * transport without Node.
 */
final class ApiOverWebSocket implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final BlockingQueue<byte[]> replies = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private ApiOverWebSocket(URI uri) {
        this.socket =
                HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .connectTimeout(TIMEOUT)
                        .buildAsync(uri, new Collector())
                        .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .join();
    }

    static ApiOverWebSocket open(URI uri) {
        return new ApiOverWebSocket(uri);
    }

    /**
     * Sends one request ({@code API session length} header, {@code body}, serialized {@code args});
     * answers the reply as text.
     */
    String request(String session, String body, Entity... args) throws InterruptedException {
        byte[] text = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf request = Unpooled.buffer();
        request.writeCharSequence(
                "API " + session + " " + text.length + " / 0_1_4_64\n", StandardCharsets.UTF_8);
        request.writeBytes(text);
        for (Entity arg : args) EntityWriter.write(arg, request);
        socket.sendBinary(ByteBuffer.wrap(ByteBufUtil.getBytes(request)), true)
                .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        byte[] reply = replies.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (reply == null) throw new AssertionError("no reply within " + TIMEOUT + " to " + body);
        return new String(reply, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "")
                .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    private final class Collector implements WebSocket.Listener {
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            message.writeBytes(bytes);
            if (last) {
                replies.add(message.toByteArray());
                message.reset();
            }
            webSocket.request(1);
            return null;
        }
    }
}
