package io.dolphincluster.runtime.dolphindb;

import com.xxdb.DBConnection;
import io.dolphincluster.runtime.auth.Authenticator;
import io.dolphincluster.runtime.auth.Principal;
import io.dolphincluster.runtime.auth.Role;
import io.dolphincluster.runtime.net.DataServer;
import io.dolphincluster.runtime.net.DataServerOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A data server on a free local port serving the DolphinDB protocol over an {@link
 * InMemoryBackend}; admin / 123456, reader / reader-pw.
 */
final class FrontEndFixture implements AutoCloseable {
    final InMemoryBackend backend = new InMemoryBackend();
    final DataServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    FrontEndFixture(Duration idleTimeout) throws InterruptedException {
        this(idleTimeout, DataServerOptions.defaults("datanode1").loginTimeout());
    }

    FrontEndFixture(Duration idleTimeout, Duration loginTimeout) throws InterruptedException {
        DataServerOptions options =
                DataServerOptions.defaults("datanode1")
                        .withIdleTimeout(idleTimeout)
                        .withFrameTimeout(idleTimeout)
                        .withLoginTimeout(loginTimeout);
        DolphinFrontEnd frontEnd =
                new DolphinFrontEnd(
                        backend,
                        backend,
                        new Authenticator() {
                            @Override
                            public boolean check(String user, String password) {
                                return login(user, password).isPresent();
                            }

                            @Override
                            public Optional<Principal> login(String user, String password) {
                                if (user.equals("admin") && password.equals("123456"))
                                    return Optional.of(Principal.user(user, Role.ADMIN));
                                if (user.equals("reader") && password.equals("reader-pw"))
                                    return Optional.of(Principal.user(user, Role.READER));
                                return Optional.empty();
                            }
                        });
        server =
                DataServer.start(
                        new InetSocketAddress("127.0.0.1", 0),
                        options,
                        (user, password) -> false,
                        (session, request) ->
                                java.util.concurrent.CompletableFuture.failedFuture(
                                        new IllegalStateException("not used")),
                        DolphinProtocol.on(options, frontEnd, executor));
        backend.site = "127.0.0.1:" + port();
    }

    int port() {
        return server.address().getPort();
    }

    /** The official client, connected and logged in. */
    DBConnection connect() throws IOException {
        DBConnection connection = new DBConnection();
        if (!connection.connect("127.0.0.1", port(), "admin", "123456"))
            throw new IOException("connect failed");
        return connection;
    }

    @Override
    public void close() {
        server.close();
        executor.shutdownNow();
    }
}
