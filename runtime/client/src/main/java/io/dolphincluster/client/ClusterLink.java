package io.dolphincluster.client;

import io.dolphincluster.protocol.wire.ErrorCode;
import io.dolphincluster.protocol.wire.ErrorReply;
import io.dolphincluster.protocol.wire.GetSites;
import io.dolphincluster.protocol.wire.Login;
import io.dolphincluster.protocol.wire.LoginOk;
import io.dolphincluster.protocol.wire.Message;
import io.dolphincluster.protocol.wire.Sites;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logged-in connection to the cluster through one datanode at a time. {@link #call} sends a
 * request and returns its answer. A connection the server closed while idle is reopened to the same
 * datanode before sending. With high availability, a failure (cannot connect, closed, no answer in
 * time, or an {@code ErrorReply} marked retryable) moves to the next site, logs in again and
 * resends the same request, until the failover deadline; without it, the first failure throws.
 */
final class ClusterLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLink.class);

    private final EventLoopGroup group;
    private final ClientOptions options;
    private final String user;
    private final String password;
    private final boolean highAvailability;
    private final SiteList sites;
    private ServerLink current;

    ClusterLink(
            EventLoopGroup group,
            ClientOptions options,
            String user,
            String password,
            boolean highAvailability,
            SiteList sites) {
        this.group = group;
        this.options = options;
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        this.highAvailability = highAvailability;
        this.sites = sites;
    }

    /**
     * Logs in at {@code first} (with high availability: at the next sites if it cannot be reached).
     */
    synchronized void connect(SiteAddress first) {
        long deadline = System.nanoTime() + options.failoverDeadline().toNanos();
        try {
            current = login(first);
        } catch (LinkFailure failure) {
            if (!highAvailability) throw unavailable(failure);
            current = failOver(first, failure, deadline);
        }
        if (highAvailability) refreshSites();
    }

    synchronized Message call(Message request) {
        if (current == null)
            throw new DBException("NOT_CONNECTED", "not connected: call connect first");
        long deadline = System.nanoTime() + options.failoverDeadline().toNanos();
        int failures = 0;
        while (true) {
            try {
                if (!current.isOpen()) current = reopen(current);
                Message answer = current.call(request, options.requestTimeout());
                if (answer instanceof ErrorReply error) return failOrRetry(error);
                return answer;
            } catch (LinkFailure failure) {
                if (!highAvailability) throw unavailable(failure);
                SiteAddress failed = current.site();
                current.close();
                if (++failures % sites.all().size() == 0)
                    pause(options.retryPause()); // every site failed once: breathe
                current = failOver(failed, failure, deadline);
                refreshSites();
            }
        }
    }

    synchronized SiteAddress currentSite() {
        return current == null ? null : current.site();
    }

    java.util.List<SiteAddress> sites() {
        return sites.all();
    }

    @Override
    public synchronized void close() {
        if (current != null) current.close();
        current = null;
    }

    private Message failOrRetry(ErrorReply error) throws LinkFailure {
        if (error.retryable() && highAvailability)
            throw new LinkFailure(
                    current.site() + " answered " + error.code() + ": " + error.message());
        throw new DBException(error.code(), error.message());
    }

    /**
     * The idle server closed our connection: one fresh attempt at the same site before calling it a
     * failure.
     */
    private ServerLink reopen(ServerLink closed) throws LinkFailure {
        closed.close();
        return login(closed.site());
    }

    private ServerLink failOver(SiteAddress failed, LinkFailure failure, long deadline) {
        SiteAddress from = failed;
        int triedThisRound = 0;
        LinkFailure last = failure;
        while (System.nanoTime() < deadline) {
            SiteAddress next = sites.after(from);
            LOG.warn(
                    "client: datanode {} unreachable, failing over to {} ({})",
                    from,
                    next,
                    last.getMessage());
            try {
                return login(next);
            } catch (LinkFailure again) {
                last = again;
                from = next;
                if (++triedThisRound >= sites.all().size()) {
                    triedThisRound = 0;
                    pause(options.retryPause());
                }
            }
        }
        throw new DBException(
                ErrorCode.UNAVAILABLE,
                "no datanode answered within "
                        + options.failoverDeadline().toMillis()
                        + " ms of failover; sites "
                        + sites.all()
                        + "; last failure: "
                        + last.getMessage(),
                last);
    }

    private ServerLink login(SiteAddress site) throws LinkFailure {
        ServerLink link = ServerLink.open(group, site, options);
        try {
            Message answer = link.call(new Login(user, password), options.requestTimeout());
            if (answer instanceof LoginOk) return link;
            if (!(answer instanceof ErrorReply error)) {
                throw new DBException(
                        ErrorCode.PROTOCOL, site + " answered " + answer.type() + " to Login");
            }
            if (error.retryable())
                throw new LinkFailure(site + " cannot log in now: " + error.message());
            throw new DBException(
                    error.code(),
                    "login refused for user '" + user + "' at " + site + ": " + error.message());
        } catch (LinkFailure | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    private void refreshSites() {
        if (sites.isFixed()) return;
        try {
            Message answer = current.call(new GetSites(), options.requestTimeout());
            if (answer instanceof Sites) sites.learn(((Sites) answer).datanodes());
        } catch (LinkFailure | RuntimeException e) {
            LOG.debug(
                    "client: could not refresh the site list from {}: {}",
                    current.site(),
                    e.getMessage());
        }
    }

    private static DBException unavailable(LinkFailure failure) {
        return new DBException(ErrorCode.UNAVAILABLE, failure.getMessage(), failure);
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DBException("INTERRUPTED", "interrupted during failover", e);
        }
    }
}
