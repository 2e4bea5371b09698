package io.dolphincluster.runtime.net;

import io.dolphincluster.protocol.wire.Envelope;
import io.dolphincluster.protocol.wire.Frame;
import io.dolphincluster.protocol.wire.Message;
import io.dolphincluster.protocol.wire.MessageCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A blocking socket that speaks raw frames, to send the server exactly the bytes a test wants. */
public final class WireTestClient implements AutoCloseable {
    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final DataOutputStream out;

    public WireTestClient(InetSocketAddress server) throws IOException {
        this(server, null);
    }

    /** Connects from {@code from} (e.g. 127.0.0.2: all of 127/8 is loopback on Linux). */
    public WireTestClient(InetSocketAddress server, String from) throws IOException {
        if (from != null) socket.bind(new InetSocketAddress(from, 0));
        socket.connect(server, 5000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    public void send(long requestId, Message message) throws IOException {
        Frame frame = MessageCodec.encode(requestId, message);
        out.writeInt(Frame.HEADER_BYTES + frame.payload().length);
        out.writeByte(Frame.VERSION);
        out.writeByte(frame.type());
        out.writeLong(requestId);
        out.write(frame.payload());
        out.flush();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next envelope, or null when the server closed the connection. */
    public Envelope receive() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException | SocketException e) {
            return null;
        }
        byte version = in.readByte();
        int type = in.readUnsignedByte();
        long requestId = in.readLong();
        byte[] payload = new byte[length - Frame.HEADER_BYTES];
        in.readFully(payload);
        if (version != Frame.VERSION) throw new IOException("bad version from server");
        return new Envelope(requestId, MessageCodec.decode(new Frame(type, requestId, payload)));
    }

    /**
     * Whether the server closes the connection within {@code timeout}, skipping whatever it sends
     * before.
     */
    public boolean closedByServerWithin(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        byte[] sink = new byte[4096];
        try {
            while (true) {
                if (in.read(sink) < 0) return true;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) { // reset by the server
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
