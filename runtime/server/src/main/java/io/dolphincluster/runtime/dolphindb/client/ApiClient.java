package io.dolphincluster.runtime.dolphindb.client;

import io.dolphincluster.runtime.dolphindb.codec.EntityReader;
import io.dolphincluster.runtime.dolphindb.codec.EntityWriter;
import io.dolphincluster.runtime.dolphindb.codec.ObjectScanner;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Nothing;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A minimal blocking client of DolphinDB's API protocol, for the cluster's own use (the page's
 * Notebook runs scripts on a datanode through it): connect, plain login, run a script. One request
 * at a time; a reply larger than {@code maxReplyBytes} or slower than the timeout fails the call
 * and the connection.
 */
public final class ApiClient implements Closeable {
    /** The datanode answered the request with an error (its one-line message). */
    public static final class ServerError extends IOException {
        public ServerError(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long maxReplyBytes;
    private String sessionId = "0";

    private ApiClient(Socket socket, long maxReplyBytes) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.maxReplyBytes = maxReplyBytes;
    }

    public static ApiClient connect(String host, int port, Duration timeout, long maxReplyBytes)
            throws IOException {
        return connect(host, port, timeout, maxReplyBytes, null);
    }

    /**
     * As {@link #connect(String, int, Duration, long)}, over TLS with {@code tls} (host name
     * checked) when not null.
     */
    public static ApiClient connect(
            String host,
            int port,
            Duration timeout,
            long maxReplyBytes,
            javax.net.ssl.SSLSocketFactory tls)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            if (tls != null)
                socket =
                        io.dolphincluster.runtime.tls.ClientSockets.secure(tls, socket, host, port);
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            ApiClient client = new ApiClient(socket, maxReplyBytes);
            client.request("connect\n", List.of());
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public void login(String user, String password) throws IOException {
        request("function\nlogin\n2\n1", List.of(Vec.ofString(user), Vec.ofString(password)));
    }

    public Entity run(String script) throws IOException {
        return request("script\n" + script, List.of());
    }

    private Entity request(String body, List<Entity> args) throws IOException {
        byte[] text = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf request = Unpooled.buffer();
        request.writeCharSequence(
                "API " + sessionId + " " + text.length + " / 0_1_4_64\n", StandardCharsets.UTF_8);
        request.writeBytes(text);
        for (Entity arg : args) EntityWriter.write(arg, request);
        out.write(
                request.array(),
                request.arrayOffset() + request.readerIndex(),
                request.readableBytes());
        out.flush();
        String header = line();
        while (header.equals("MSG")) {
            while (in.read() > 0) {
                // print output: not shown
            }
            header = line();
        }
        String[] parts = header.split(" ");
        if (parts.length != 3) throw new IOException("not a DolphinDB reply: '" + header + "'");
        sessionId = parts[0];
        String status = line();
        if (!status.equals("OK")) throw new ServerError(status);
        return parts[1].equals("0") ? Nothing.INSTANCE : object();
    }

    private Entity object() throws IOException {
        ByteBuf buf = Unpooled.buffer();
        ObjectScanner scanner = new ObjectScanner(1, maxReplyBytes);
        byte[] chunk = new byte[64 << 10];
        while (!scanner.scan(buf)) {
            int n = in.read(chunk);
            if (n < 0) throw new IOException("the connection closed in the middle of a reply");
            buf.writeBytes(chunk, 0, n);
        }
        return EntityReader.read(buf, 1).get(0);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new IOException("the connection closed before the reply");
            if (line.size() > 64 << 10) throw new IOException("a reply line longer than 64 KiB");
            line.write(c);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
