package io.dolphincluster.client;

import io.dolphincluster.protocol.wire.ActiveMaster;
import io.dolphincluster.protocol.wire.Append;
import io.dolphincluster.protocol.wire.AppendOk;
import io.dolphincluster.protocol.wire.CreateDatabase;
import io.dolphincluster.protocol.wire.CreateTable;
import io.dolphincluster.protocol.wire.GetActiveMaster;
import io.dolphincluster.protocol.wire.GetSites;
import io.dolphincluster.protocol.wire.Message;
import io.dolphincluster.protocol.wire.Ok;
import io.dolphincluster.protocol.wire.QueryResult;
import io.dolphincluster.protocol.wire.RunQuery;
import io.dolphincluster.protocol.wire.Sites;
import io.dolphincluster.runtime.net.DataServer;
import io.dolphincluster.runtime.net.DataServerOptions;
import io.dolphincluster.runtime.net.RequestException;
import io.dolphincluster.runtime.net.RequestHandler;
import io.dolphincluster.runtime.net.Session;
import io.dolphincluster.protocol.data.RowBatch;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link DataServer} with a hand-written {@link RequestHandler}: it records every request, stores appended rows in
 * memory (once per write id, like the real write path), answers queries with all of them, and lets a test replace
 * the answer to a request ({@link #override}).
 */
final class FakeDatanode implements AutoCloseable {
    final List<Message> requests = new CopyOnWriteArrayList<>();
    final List<String> writeIds = new CopyOnWriteArrayList<>();
    volatile Supplier<List<String>> sites = List::of;
    volatile Function<Message, CompletableFuture<Message>> override = request -> null;
    private final List<RowBatch> stored;
    private final DataServer server;

    /** {@code stored} may be shared by several fakes, as a cluster shares its data. */
    FakeDatanode(String alias, List<RowBatch> stored, Duration idleTimeout) throws InterruptedException {
        this.stored = stored;
        server = DataServer.start(new InetSocketAddress("127.0.0.1", 0), DataServerOptions.defaults(alias).withIdleTimeout(idleTimeout),
                (user, password) -> user.equals("admin") && password.equals("123456"), this::handle);
    }

    String site() {
        return "127.0.0.1:" + server.address().getPort() + ":" + "dn" + server.address().getPort();
    }

    int port() {
        return server.address().getPort();
    }

    int openConnections() {
        return server.openConnections();
    }

    private CompletableFuture<Message> handle(Session session, Message request) {
        requests.add(request);
        if (request instanceof Append) writeIds.add(((Append) request).writeId());
        CompletableFuture<Message> overridden = override.apply(request);
        if (overridden != null) return overridden;
        return CompletableFuture.completedFuture(answer(request));
    }

    private Message answer(Message request) {
        if (request instanceof GetActiveMaster) return new ActiveMaster("controller1");
        if (request instanceof GetSites) return new Sites(sites.get());
        if (request instanceof CreateDatabase || request instanceof CreateTable) return new Ok();
        if (request instanceof Append) {
            Append append = (Append) request;
            synchronized (stored) {
                stored.add(append.rows());
            }
            return new AppendOk(append.rows().size());
        }
        if (request instanceof RunQuery) {
            synchronized (stored) {
                if (stored.isEmpty()) throw new RequestException("BAD_REQUEST", "no table '" + ((RunQuery) request).query().table() + "'", false);
                RowBatch first = stored.get(0);
                return new QueryResult(new RowBatch(first.schema(), stored.stream().flatMap(b -> b.rows().stream()).toList()));
            }
        }
        throw new RequestException("BAD_REQUEST", "the fake does not serve " + request.type(), false);
    }

    @Override
    public void close() {
        server.close();
    }
}
