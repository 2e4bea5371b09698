package io.dolphincluster.runtime.controller.api;

import io.dolphincluster.adminapi.RaftStatus;
import io.dolphincluster.runtime.BoundedPool;
import io.dolphincluster.runtime.auth.Authenticator;
import io.dolphincluster.runtime.dolphindb.DolphinFrontEnd;
import io.dolphincluster.runtime.dolphindb.DolphinProtocol;
import io.dolphincluster.runtime.dolphindb.wire.ApiConnectionHandler;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.net.DataServerOptions;
import io.dolphincluster.runtime.net.ForeignProtocol;
import io.dolphincluster.runtime.net.LoginLimitedProtocol;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * DolphinDB's API protocol on a controller's HTTP port (TCP, and the JavaScript API's WebSocket by
 * an HTTP upgrade), as DolphinDB's controllers answer it: the front end over this controller's view
 * of the cluster ({@link ControllerDolphinBackend}) and no data ({@link ControllerHoldsNoData}),
 * logins against the cluster's users, the data port's limits (64 KiB requests before login; a login
 * within 10 s, at most 256 connections waiting to log in: {@link LoginLimitedProtocol}; the HTTP
 * port's connection cap counts these connections too), and a few request threads of its own (closed
 * with it).
 */
public final class ControllerDolphinApi implements AutoCloseable {
    static final int THREADS = 4;
    static final int QUEUED = 256;

    private final ExecutorService requests;
    private final ForeignProtocol protocol;

    public ControllerDolphinApi(
            String alias,
            Supplier<RaftStatus> raft,
            ClusterMetadata metadata,
            Authenticator users) {
        ControllerDolphinBackend directory = new ControllerDolphinBackend(alias, raft, metadata);
        DolphinFrontEnd frontEnd =
                new DolphinFrontEnd(directory, new ControllerHoldsNoData(directory), users);
        this.requests = BoundedPool.create(alias + "-dolphindb", THREADS, QUEUED);
        DataServerOptions options = DataServerOptions.defaults(alias);
        this.protocol =
                new LoginLimitedProtocol(
                        alias,
                        DolphinProtocol.tcp(options, frontEnd, requests),
                        ApiConnectionHandler.class,
                        handler -> handler::loggedIn,
                        options.loginTimeout(),
                        options.maxPendingLogins());
    }

    /** The protocol to serve beside HTTP. */
    public ForeignProtocol protocol() {
        return protocol;
    }

    @Override
    public void close() {
        requests.shutdownNow();
    }
}
