package io.dolphincluster.client;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.protocol.wire.ActiveMaster;
import io.dolphincluster.protocol.wire.Append;
import io.dolphincluster.protocol.wire.AppendOk;
import io.dolphincluster.protocol.wire.CreateDatabase;
import io.dolphincluster.protocol.wire.CreateTable;
import io.dolphincluster.protocol.wire.Drop;
import io.dolphincluster.protocol.wire.ErrorCode;
import io.dolphincluster.protocol.wire.GetActiveMaster;
import io.dolphincluster.protocol.wire.Message;
import io.dolphincluster.protocol.wire.Ok;
import io.dolphincluster.protocol.wire.QueryResult;
import io.dolphincluster.protocol.wire.RunQuery;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A blocking connection to a DolphinCluster, in the manner of DolphinDB's Java API. Every method
 * waits for the answer (within {@link ClientOptions#requestTimeout()}) and throws {@link
 * DBException} when the cluster refuses or cannot be reached.
 *
 * <p>With {@code highAvailability}, a datanode that fails (closes, times out, or answers a
 * retryable error) is replaced by another one transparently: the sites are {@code
 * highAvailabilitySites} when given, else the live datanodes the cluster reported after login
 * (refreshed after each failover). The same request is sent again, until {@link
 * ClientOptions#failoverDeadline()}. An {@link #append} keeps its write id across retries, so the
 * rows are stored once. Without high availability the first failure throws.
 *
 * <p>Thread-safe; calls from several threads run one at a time.
 */
public final class DBConnection implements AutoCloseable {
    private final ClientOptions options;
    private EventLoopGroup group;
    private ClusterLink link;
    private String startupScript = "";

    public DBConnection() {
        this(ClientOptions.defaults());
    }

    public DBConnection(ClientOptions options) {
        this.options = options;
    }

    /** Connects and logs in, without high availability. */
    public void connect(String host, int port, String user, String password) {
        connect(host, port, user, password, "", false, List.of());
    }

    /**
     * Connects and logs in. {@code startup} is kept ({@link #startupScript()}) but not run: this
     * runtime has no script engine, so a startup script has nothing to execute.
     */
    public void connect(
            String host,
            int port,
            String user,
            String password,
            String startup,
            boolean highAvailability) {
        connect(host, port, user, password, startup, highAvailability, List.of());
    }

    /**
     * As {@link #connect(String, int, String, String, String, boolean)}, failing over only among
     * {@code highAvailabilitySites} ({@code host:port[:alias]}).
     */
    public synchronized void connect(
            String host,
            int port,
            String user,
            String password,
            String startup,
            boolean highAvailability,
            List<String> highAvailabilitySites) {
        close();
        SiteAddress first = new SiteAddress(host, port, null);
        SiteList sites =
                highAvailabilitySites == null || highAvailabilitySites.isEmpty()
                        ? SiteList.learned(first)
                        : SiteList.fixed(first, highAvailabilitySites);
        group =
                new MultiThreadIoEventLoopGroup(
                        1,
                        new DefaultThreadFactory("dolphin-client", true),
                        NioIoHandler.newFactory());
        ClusterLink opening =
                new ClusterLink(group, options, user, password, highAvailability, sites);
        try {
            opening.connect(first);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        link = opening;
        startupScript = startup == null ? "" : startup;
    }

    /** The alias of the controllers' leader. */
    public String getActiveMaster() {
        return expect(call(new GetActiveMaster()), ActiveMaster.class).alias();
    }

    public void createDatabase(String name, String partitionScheme) {
        expect(call(new CreateDatabase(name, partitionScheme)), Ok.class);
    }

    public void createTable(String database, String table, Schema schema, String partitionColumn) {
        expect(call(new CreateTable(database, table, schema, partitionColumn)), Ok.class);
    }

    /** Drops a database with all its tables and data; the datanodes delete the files. */
    public void dropDatabase(String name) {
        expect(call(Drop.database(name)), Ok.class);
    }

    /** Drops one table with its data; the datanodes delete the files. */
    public void dropTable(String database, String table) {
        expect(call(new Drop(database, table)), Ok.class);
    }

    /**
     * Appends {@code rows} once, even across failovers; returns how many rows the cluster stored.
     */
    public long append(String database, String table, RowBatch rows) {
        Append append = new Append(database, table, UUID.randomUUID().toString(), rows);
        return expect(call(append), AppendOk.class).rows();
    }

    public RowBatch query(Query query) {
        return expect(call(new RunQuery(query)), QueryResult.class).rows();
    }

    /**
     * The datanode this connection currently talks to ({@code host:port[:alias]}), or null when not
     * connected.
     */
    public synchronized String currentSite() {
        SiteAddress site = link == null ? null : link.currentSite();
        return site == null ? null : site.toString();
    }

    /** The sites high availability would fail over to, as last known. */
    public synchronized List<String> sites() {
        return link == null ? List.of() : link.sites().stream().map(SiteAddress::toString).toList();
    }

    public synchronized boolean isConnected() {
        return link != null;
    }

    /** The startup script given to connect; kept for the caller, never executed. */
    public synchronized String startupScript() {
        return startupScript;
    }

    /** Closes the connection; the object may be connected again. */
    @Override
    public synchronized void close() {
        if (link != null) link.close();
        link = null;
        if (group != null) group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        group = null;
    }

    private Message call(Message request) {
        ClusterLink current;
        synchronized (this) {
            current = link;
        }
        if (current == null)
            throw new DBException("NOT_CONNECTED", "not connected: call connect first");
        return current.call(request);
    }

    private static <T extends Message> T expect(Message answer, Class<T> type) {
        if (type.isInstance(answer)) return type.cast(answer);
        throw new DBException(
                ErrorCode.PROTOCOL,
                "expected " + type.getSimpleName() + " but the server answered " + answer);
    }
}
