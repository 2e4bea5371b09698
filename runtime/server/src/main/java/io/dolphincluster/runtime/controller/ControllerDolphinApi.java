package io.dolphincluster.runtime.controller;

import io.dolphincluster.runtime.BoundedPool;
import io.dolphincluster.runtime.auth.Authenticator;
import io.dolphincluster.runtime.dolphindb.DolphinFrontEnd;
import io.dolphincluster.runtime.dolphindb.DolphinProtocol;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.net.DataServerOptions;
import io.dolphincluster.runtime.net.ForeignProtocol;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * DolphinDB's API protocol on a controller's HTTP port (TCP, and the JavaScript API's WebSocket by an HTTP upgrade),
 * as DolphinDB's controllers answer it: the front end over
 * this controller's view of the cluster ({@link ControllerDolphinBackend}) and no data ({@link ControllerHoldsNoData}),
 * logins against the cluster's users, the data port's request limits, and a few request threads of its own (closed
 * with it).
 */
final class ControllerDolphinApi implements AutoCloseable {
    static final int THREADS = 4;
    static final int QUEUED = 256;

    private final ExecutorService requests;
    private final ForeignProtocol protocol;

    ControllerDolphinApi(String alias, Supplier<RaftStatus> raft, ClusterMetadata metadata, Authenticator users) {
        ControllerDolphinBackend directory = new ControllerDolphinBackend(alias, raft, metadata);
        DolphinFrontEnd frontEnd = new DolphinFrontEnd(directory, new ControllerHoldsNoData(directory), users);
        this.requests = BoundedPool.create(alias + "-dolphindb", THREADS, QUEUED);
        this.protocol = DolphinProtocol.tcp(DataServerOptions.defaults(alias), frontEnd, requests);
    }

    /** The protocol to serve beside HTTP. */
    ForeignProtocol protocol() {
        return protocol;
    }

    @Override
    public void close() {
        requests.shutdownNow();
    }
}
