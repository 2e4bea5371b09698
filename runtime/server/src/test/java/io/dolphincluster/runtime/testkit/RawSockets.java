package io.dolphincluster.runtime.testkit;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * Reading a server's answer byte by byte on a plain socket, for tests that send it what no client
 * would.
 */
public final class RawSockets {
    private RawSockets() {}

    /**
     * What the server sent before it closed the connection (EOF, or a reset: closed with our bytes
     * unread); fails if it keeps the connection open past the socket's read timeout.
     */
    public static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        InputStream in = socket.getInputStream();
        try {
            for (int n; (n = in.read(buffer)) != -1; ) received.write(buffer, 0, n);
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "the server kept the connection open for "
                            + socket.getSoTimeout()
                            + " ms; it sent: "
                            + received.toString(ISO_8859_1),
                    e);
        } catch (SocketException e) {
            // reset: closed
        }
        return received.toString(ISO_8859_1);
    }

    /**
     * The status line and headers of the next HTTP response, or what came before the connection
     * closed.
     */
    public static String readResponseHead(Socket socket) throws IOException {
        StringBuilder head = new StringBuilder();
        InputStream in = socket.getInputStream();
        try {
            for (int b; (b = in.read()) != -1; ) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n"))
                    break;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "no response within " + socket.getSoTimeout() + " ms; got: " + head, e);
        } catch (SocketException e) {
            // reset: closed
        }
        return head.toString();
    }
}
