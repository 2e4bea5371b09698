package io.dolphincluster.runtime.datanode;

import io.dolphincluster.protocol.wire.ActiveMaster;
import io.dolphincluster.protocol.wire.Append;
import io.dolphincluster.protocol.wire.AppendOk;
import io.dolphincluster.protocol.wire.ChunkCatchUp;
import io.dolphincluster.protocol.wire.ChunkFetch;
import io.dolphincluster.protocol.wire.ChunkQuery;
import io.dolphincluster.protocol.wire.ChunkRecords;
import io.dolphincluster.protocol.wire.CreateDatabase;
import io.dolphincluster.protocol.wire.CreateTable;
import io.dolphincluster.protocol.wire.Drop;
import io.dolphincluster.protocol.wire.ErrorCode;
import io.dolphincluster.protocol.wire.ErrorReply;
import io.dolphincluster.protocol.wire.GetActiveMaster;
import io.dolphincluster.protocol.wire.GetSites;
import io.dolphincluster.protocol.wire.Message;
import io.dolphincluster.protocol.wire.Ok;
import io.dolphincluster.protocol.wire.QueryResult;
import io.dolphincluster.protocol.wire.ReplicaAck;
import io.dolphincluster.protocol.wire.ReplicaAppend;
import io.dolphincluster.protocol.wire.ReplicaWrite;
import io.dolphincluster.protocol.wire.RunQuery;
import io.dolphincluster.protocol.wire.Sites;
import io.dolphincluster.runtime.net.RequestException;
import io.dolphincluster.runtime.net.RequestHandler;
import io.dolphincluster.runtime.net.Session;
import io.dolphincluster.runtime.replication.LogPosition;
import io.dolphincluster.runtime.storage.ChunkLog;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * What a datanode answers on its data port. Reads (query, active master, sites) are served for any
 * logged-in user; writes (create, append, drop) for admins only (a reader gets {@value
 * #FORBIDDEN}); datanode-to-datanode requests (replica writes and appends, fetches, catch-up, chunk
 * queries) only for member nodes (the internal user with a member token). Everything that blocks
 * runs on one of the {@link DatanodePools}, never on a Netty thread. Failures become {@code
 * ErrorReply} answers: a bad request is not retryable, anything that may pass on another node or a
 * moment later (no leader, a primary that moved, a replica down) is.
 */
public final class DatanodeRequests implements RequestHandler {
    /** Largest batch of records one fetch answer carries (frames are limited to 64 MiB). */
    static final long FETCH_PAGE_BYTES = 32L << 20;

    private final DatanodeServices services;
    private final DatanodePools pools;
    private final DatanodeMetrics metrics;

    DatanodeRequests(DatanodeServices services, DatanodePools pools, DatanodeMetrics metrics) {
        this.metrics = metrics;
        this.services = services;
        this.pools = pools;
    }

    /** The error code of a request the logged-in user's role does not allow. */
    public static final String FORBIDDEN = "FORBIDDEN";

    @Override
    public CompletableFuture<? extends Message> handle(Session session, Message request) {
        Executor clients = pools.clients();
        if (request instanceof GetActiveMaster)
            return run(clients, () -> new ActiveMaster(services.schema().activeMaster()));
        if (request instanceof GetSites)
            return CompletableFuture.completedFuture(
                    new Sites(services.view().liveDatanodeSites()));
        if (request instanceof RunQuery query) return run(clients, () -> timedQuery(query));
        boolean write =
                request instanceof CreateDatabase
                        || request instanceof CreateTable
                        || request instanceof Drop
                        || request instanceof Append;
        if (write && !session.principal().isAdmin()) {
            return CompletableFuture.failedFuture(
                    new RequestException(
                            FORBIDDEN,
                            session.user()
                                    + " may only read: "
                                    + request.type()
                                    + " needs an admin",
                            false));
        }
        if (request instanceof CreateDatabase create)
            return run(
                    clients,
                    () -> {
                        services.schema().createDatabase(create.name(), create.partitionScheme());
                        return new Ok();
                    });
        if (request instanceof CreateTable create)
            return run(
                    clients,
                    () -> {
                        services.schema()
                                .createTable(
                                        create.database(),
                                        create.table(),
                                        create.columns(),
                                        create.partitionColumn());
                        return new Ok();
                    });
        if (request instanceof Drop drop)
            return run(
                    clients,
                    () -> {
                        services.schema().drop(drop.database(), drop.table());
                        return new Ok();
                    });
        if (request instanceof Append append) return run(clients, () -> timedAppend(append));
        if (!session.principal().isNode()) {
            return CompletableFuture.failedFuture(
                    new RequestException(
                            ErrorCode.BAD_REQUEST,
                            request.type() + " is for datanodes only",
                            false));
        }
        return internal(request);
    }

    private CompletableFuture<? extends Message> internal(Message request) {
        if (request instanceof ReplicaWrite write)
            return run(
                    pools.primaries(),
                    () -> {
                        services.replication()
                                .write(write.chunkId(), write.writeId(), write.rows());
                        return new Ok();
                    });
        if (request instanceof ReplicaAppend append)
            return run(
                    pools.replicas(),
                    () -> {
                        LogPosition position =
                                services.replicaSide()
                                        .append(
                                                append.from(),
                                                append.chunkId(),
                                                append.epoch(),
                                                WireRecords.fromWire(append.records()));
                        return new ReplicaAck(position.lastSeq(), position.digest());
                    });
        if (request instanceof ChunkFetch fetch) return run(pools.replicas(), () -> fetch(fetch));
        if (request instanceof ChunkCatchUp catchUp)
            return run(
                    pools.primaries(),
                    () ->
                            services.replication()
                                            .catchUp(
                                                    catchUp.chunkId(),
                                                    catchUp.replica(),
                                                    new LogPosition(
                                                            catchUp.lastSeq(), catchUp.digest()))
                                    ? new Ok()
                                    : new ErrorReply(
                                            "BEHIND",
                                            "the primary has records after " + catchUp.lastSeq(),
                                            true));
        if (request instanceof ChunkQuery query)
            return run(
                    pools.replicas(),
                    () ->
                            new QueryResult(
                                    services.chunkReader().query(query.chunkId(), query.query())));
        return CompletableFuture.failedFuture(
                new RequestException(
                        ErrorCode.BAD_REQUEST, "unexpected request " + request.type(), false));
    }

    private Message timedAppend(Append append) throws Exception {
        long start = System.nanoTime();
        try {
            int rows =
                    services.writes()
                            .append(
                                    DatabaseNames.plain(append.database()),
                                    append.table(),
                                    append.writeId(),
                                    append.rows());
            metrics.appended(rows, System.nanoTime() - start);
            return new AppendOk(rows);
        } catch (Exception | Error e) {
            metrics.appendFailed(System.nanoTime() - start);
            throw e;
        }
    }

    private Message timedQuery(RunQuery query) throws Exception {
        long start = System.nanoTime();
        try {
            Message result =
                    new QueryResult(
                            services.reads().query(DatabaseNames.plainQuery(query.query())));
            metrics.queried(System.nanoTime() - start);
            return result;
        } catch (Exception | Error e) {
            metrics.queryFailed(System.nanoTime() - start);
            throw e;
        }
    }

    private ChunkRecords fetch(ChunkFetch fetch) throws IOException {
        ChunkLog chunkLog = services.replicas().read(fetch.chunkId());
        long lastSeq = chunkLog.lastSeq();
        long afterDigest = fetch.afterSeq() <= lastSeq ? chunkLog.digestAt(fetch.afterSeq()) : 0;
        return new ChunkRecords(
                lastSeq,
                afterDigest,
                WireRecords.toWire(chunkLog.readAfter(fetch.afterSeq(), FETCH_PAGE_BYTES)));
    }

    private static CompletableFuture<Message> run(Executor pool, Callable<Message> action) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return action.call();
                    } catch (Exception e) {
                        throw new CompletionException(RequestFailures.toRequestException(e));
                    }
                },
                pool);
    }
}
