package io.dolphincluster.runtime.http;

import io.dolphincluster.runtime.LogText;
import io.dolphincluster.runtime.LogThrottle;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser protections of every HTTP port, before any route: a request whose {@code Host} this
 * server does not answer to ({@link HostPolicy}: DNS rebinding) is a {@code 421}; a change made by
 * another site's page ({@link CrossSiteCheck}: CSRF) is a {@code 403}. Each refusal closes the
 * connection and is logged (at most one line every 10 s per kind, with the count, so a flood does
 * not flood the log).
 */
@ChannelHandler.Sharable
final class BrowserGuard extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BrowserGuard.class);

    private final String alias;
    private final HostPolicy hosts;
    private final AtomicLong wrongHost = new AtomicLong();
    private final AtomicLong crossSite = new AtomicLong();
    private final LogThrottle hostLog = LogThrottle.everyTenSeconds();
    private final LogThrottle crossSiteLog = LogThrottle.everyTenSeconds();

    BrowserGuard(String alias, HostPolicy hosts) {
        this.alias = alias;
        this.hosts = hosts;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !request.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        HttpHeaders headers = request.headers();
        String host = headers.get(HttpHeaderNames.HOST);
        if (!hosts.allows(host)) {
            long count = wrongHost.incrementAndGet();
            if (hostLog.due()) {
                LOG.warn(
                        "[{}] refused {} {} from {}: Host '{}' is not a name of this cluster (add it to allowedHosts if it is; "
                                + "{} such requests so far)",
                        alias,
                        request.method(),
                        LogText.of(path(request)),
                        ctx.channel().remoteAddress(),
                        LogText.of(host),
                        count);
            }
            refuse(
                    ctx,
                    request,
                    HttpResponseStatus.MISDIRECTED_REQUEST,
                    "this server does not answer to the host name '"
                            + host
                            + "': use its address or a name listed in allowedHosts");
            return;
        }
        String refusal =
                CrossSiteCheck.refusal(
                        request.method().name(),
                        host,
                        headers.get(HttpHeaderNames.ORIGIN),
                        headers.get("Sec-Fetch-Site"));
        if (refusal != null) {
            long count = crossSite.incrementAndGet();
            if (crossSiteLog.due()) {
                LOG.warn(
                        "[{}] refused {} {} from {}: {} ({} such requests so far)",
                        alias,
                        request.method(),
                        LogText.of(path(request)),
                        ctx.channel().remoteAddress(),
                        LogText.of(refusal),
                        count);
            }
            refuse(ctx, request, HttpResponseStatus.FORBIDDEN, refusal);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static String path(FullHttpRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static void refuse(
            ChannelHandlerContext ctx,
            FullHttpRequest request,
            HttpResponseStatus status,
            String message) {
        ReferenceCountUtil.release(request);
        Refusals.refuseAndClose(ctx, status, message);
    }

    /** Requests refused for their {@code Host}. */
    long wrongHost() {
        return wrongHost.get();
    }

    /** Changes refused as cross-site. */
    long crossSite() {
        return crossSite.get();
    }
}
