package io.dolphincluster.runtime.http;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A slowloris attacker: holds a number of connections to one port, each of a {@link Kind}, and
 * every round writes one more byte to each (never finishing a request); a connection the server
 * closes is opened again at once (from the same source address), so the attack keeps its size. The
 * connections come from the given source addresses in turn (on Linux all of 127/8 is loopback).
 * Counts what the server did.
 */
final class SlowClients implements AutoCloseable {
    enum Kind {
        /** a request head that never ends: one more header byte per round */
        TRICKLED_HEAD("GET /api/nodes HTTP/1.1\r\nHost: localhost\r\nX-Slow: ", "a"),
        /** connects and sends nothing */
        SILENT("", ""),
        /** DolphinDB's protocol chosen, then nothing: never logs in */
        DOLPHINDB_NO_LOGIN("API 0 8 / 0_1_4_2\n", ""),
        /** a whole head announcing 1 MiB of body, then one body byte per round */
        TRICKLED_BODY(
                "POST /api/databases HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1048576\r\n\r\n",
                "x");

        final String opening;
        final String each;

        Kind(String opening, String each) {
            this.opening = opening;
            this.each = each;
        }
    }

    private record Held(Kind kind, String source, SocketChannel channel) {}

    private final InetSocketAddress target;
    private final List<Held> held = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong closedByServer = new AtomicLong();
    private final AtomicLong answered408 = new AtomicLong();
    private final AtomicLong refusedToOpen = new AtomicLong();
    private final Thread trickler;

    SlowClients(
            InetSocketAddress target,
            List<String> sources,
            int trickledHeads,
            int silent,
            int dolphinDb,
            int trickledBodies,
            long roundMillis) {
        this.target = target;
        add(Kind.TRICKLED_HEAD, trickledHeads, sources);
        add(Kind.SILENT, silent, sources);
        add(Kind.DOLPHINDB_NO_LOGIN, dolphinDb, sources);
        add(Kind.TRICKLED_BODY, trickledBodies, sources);
        trickler =
                new Thread(
                        () -> {
                            while (running.get()) {
                                round();
                                try {
                                    Thread.sleep(
                                            roundMillis); // the attack's pace, not a wait for a
                                    // condition
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "slowloris");
        trickler.setDaemon(true);
        trickler.start();
    }

    private synchronized void add(Kind kind, int count, List<String> sources) {
        for (int i = 0; i < count; i++) held.add(open(kind, sources.get(i % sources.size())));
    }

    private Held open(Kind kind, String source) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.bind(new InetSocketAddress(source, 0));
            channel.connect(target);
            channel.write(ByteBuffer.wrap(kind.opening.getBytes(US_ASCII)));
            channel.configureBlocking(false);
            opened.incrementAndGet();
        } catch (IOException e) {
            refusedToOpen.incrementAndGet();
            closeQuietly(channel);
            channel = null;
        }
        return new Held(kind, source, channel);
    }

    private synchronized void round() {
        for (int i = 0; i < held.size() && running.get(); i++) {
            Held connection = held.get(i);
            if (closedByServer(connection)) {
                closeQuietly(connection.channel());
                held.set(i, open(connection.kind(), connection.source()));
            }
        }
    }

    /**
     * Whether the server closed it (or answered, which it does only to close); else writes its next
     * byte.
     */
    private boolean closedByServer(Held connection) {
        SocketChannel channel = connection.channel();
        if (channel == null) return true;
        try {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            int read = channel.read(buffer);
            if (read != 0) {
                if (read > 0
                        && new String(buffer.array(), 0, read, US_ASCII).startsWith("HTTP/1.1 408"))
                    answered408.incrementAndGet();
                closedByServer.incrementAndGet();
                return true;
            }
            channel.write(ByteBuffer.wrap(connection.kind().each.getBytes(US_ASCII)));
            return false;
        } catch (IOException e) {
            closedByServer.incrementAndGet();
            return true;
        }
    }

    long opened() {
        return opened.get();
    }

    long closedByServer() {
        return closedByServer.get();
    }

    long answered408() {
        return answered408.get();
    }

    long refusedToOpen() {
        return refusedToOpen.get();
    }

    /**
     * Stops the trickler and closes every connection; interrupted while it waits for the trickler,
     * it closes them anyway.
     */
    @Override
    public void close() {
        running.set(false);
        trickler.interrupt();
        try {
            trickler.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (Held connection : held) closeQuietly(connection.channel());
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
