package io.dolphincluster.runtime.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A load generator's HTTP/1.1 client: one kept-alive blocking socket per calling thread, to one
 * server. It costs the machine little CPU per request, so a benchmark on a small machine measures
 * the servers rather than its client (the JDK's {@code HttpClient} used about 0.8 ms of CPU per
 * request here, as much as etcd's three members together: docs/benchmarks.md).
 *
 * <p>Bodies with {@code Content-Length} or chunked are read; a connection is closed and dropped on
 * any I/O error, on {@code Connection: close}, and after {@code timeout} without an answer.
 */
final class LeanHttp implements Closeable {
    /** A status and body. */
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final URI base;
    private final Duration timeout;
    private final ThreadLocal<Connection> mine = new ThreadLocal<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    /** A client of the server at {@code base} ({@code http://host:port}). */
    LeanHttp(URI base, Duration timeout) {
        if (!"http".equals(base.getScheme()))
            throw new IllegalArgumentException("http only: " + base);
        this.base = base;
        this.timeout = timeout;
    }

    URI base() {
        return base;
    }

    /** Sends one request on this thread's connection (opened if needed) and reads its answer. */
    Response send(String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        Connection connection = mine.get();
        if (connection == null) {
            connection = new Connection(connect());
            open.add(connection);
            mine.set(connection);
        }
        try {
            connection.write(request(method, target, headers, body), body);
            Response response = connection.read();
            if (connection.closeAfter) drop(connection);
            return response;
        } catch (IOException | RuntimeException e) {
            drop(connection);
            throw e;
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) timeout.toMillis());
        socket.connect(
                new InetSocketAddress(base.getHost(), base.getPort()), (int) timeout.toMillis());
        return socket;
    }

    private byte[] request(String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(base.getHost()).append(':').append(base.getPort());
        head.append("\r\nContent-Length: ").append(body.length).append("\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void drop(Connection connection) {
        mine.remove();
        open.remove(connection);
        connection.close();
    }

    @Override
    public void close() {
        open.forEach(Connection::close);
        open.clear();
    }

    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private boolean closeAfter;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        void write(byte[] head, byte[] body) throws IOException {
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            out.write(all);
            out.flush();
        }

        Response read() throws IOException {
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1."))
                throw new IOException("not an HTTP/1.x status line: " + statusLine);
            int status = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            closeAfter = parts[0].equals("HTTP/1.0");
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon < 0) throw new IOException("malformed header: " + header);
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> {}
                }
            }
            byte[] body;
            if (chunked) body = chunkedBody();
            else if (length >= 0) body = in.readNBytes((int) length);
            else throw new IOException("an answer with neither Content-Length nor chunked body");
            if (length >= 0 && body.length != length) throw new EOFException("body cut short");
            return new Response(status, body);
        }

        private byte[] chunkedBody() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line();
                int semicolon = sizeLine.indexOf(';');
                int size =
                        Integer.parseInt(
                                (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon))
                                        .trim(),
                                16);
                if (size == 0) {
                    while (!line().isEmpty()) {} // trailers
                    return body.toByteArray();
                }
                byte[] chunk = in.readNBytes(size);
                if (chunk.length != size) throw new EOFException("chunk cut short");
                body.write(chunk);
                line();
            }
        }

        /** One line without its CRLF. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b < 0) throw new EOFException("connection closed by the server");
                if (b == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') line.setLength(end - 1);
                    return line.toString();
                }
                if (line.length() > 16_384) throw new IOException("header line too long");
                line.append((char) b);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
