package io.dolphincluster.runtime.http;

import io.dolphincluster.runtime.AsyncFailure;
import io.dolphincluster.runtime.auth.Principal;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the route of each request, lets it through only when the caller has the route's {@link
 * Access} (401 without good credentials, 403 without the access), runs its handler and writes the
 * JSON response.
 */
@ChannelHandler.Sharable
final class RequestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final String alias;
    private final List<MatchableRoute> routes;
    private final RequestAuthenticator authenticator;

    RequestDispatcher(String alias, List<Route> routes, RequestAuthenticator authenticator) {
        this.alias = alias;
        this.routes =
                routes.stream()
                        .map(r -> new MatchableRoute(r, new PathPattern(r.pattern())))
                        .toList();
        this.authenticator = authenticator;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            write(ctx, false, error(400, "malformed HTTP request"));
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
        String method = request.method().name();
        byte[] body = ByteBufUtil.getBytes(request.content());
        Map<String, String> headers = new HashMap<>();
        request.headers()
                .forEach(
                        h ->
                                headers.putIfAbsent(
                                        h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        CompletableFuture<ApiResponse> response;
        try {
            response = dispatch(method, request.uri(), decoder, body, headers);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete(
                (ok, failure) ->
                        ctx.executor()
                                .execute(
                                        () ->
                                                write(
                                                        ctx,
                                                        keepAlive,
                                                        failure != null
                                                                ? toResponse(failure)
                                                                : ok != null
                                                                        ? ok
                                                                        : error(
                                                                                500,
                                                                                "the handler gave no response"))));
    }

    private CompletableFuture<ApiResponse> dispatch(
            String method,
            String uri,
            QueryStringDecoder decoder,
            byte[] body,
            Map<String, String> headers) {
        boolean pathKnown = false;
        String[] rawPath = PathPattern.split(decoder.rawPath());
        for (MatchableRoute candidate : routes) {
            Map<String, String> params = candidate.path().match(rawPath);
            if (params == null) continue;
            pathKnown = true;
            if (candidate.route().method().equals(method)) {
                return admitted(
                        candidate.route(),
                        new ApiRequest(
                                method,
                                uri,
                                decoder.path(),
                                params,
                                decoder.parameters(),
                                body,
                                headers));
            }
        }
        return CompletableFuture.completedFuture(
                pathKnown
                        ? error(405, "method " + method + " is not allowed on " + decoder.path())
                        : error(404, "no such endpoint: " + decoder.path()));
    }

    private record MatchableRoute(Route route, PathPattern path) {}

    private CompletableFuture<ApiResponse> admitted(Route route, ApiRequest request) {
        if (route.access() == Access.PUBLIC) return route.handler().handle(request);
        return authenticator
                .authenticate(request)
                .thenCompose(
                        caller -> {
                            if (!allows(route.access(), caller)) {
                                String needed =
                                        route.access() == Access.MEMBER
                                                ? "a member node"
                                                : "an admin";
                                log.warn(
                                        "[{}] {} {} refused: {} is not {}",
                                        alias,
                                        request.method(),
                                        request.path(),
                                        caller.describe(),
                                        needed);
                                throw new ApiException(
                                        403,
                                        caller.name()
                                                + " may not "
                                                + request.method()
                                                + " "
                                                + request.path()
                                                + ": only "
                                                + needed
                                                + " may");
                            }
                            return route.handler().handle(request.withPrincipal(caller));
                        });
    }

    static boolean allows(Access access, Principal caller) {
        return switch (access) {
            case PUBLIC, USER -> true;
            case ADMIN -> caller.isAdmin();
            case MEMBER -> caller.isNode();
        };
    }

    private static ApiResponse toResponse(Throwable failure) {
        Throwable cause = AsyncFailure.cause(failure);
        if (cause instanceof ApiException api) {
            Map<String, Object> body = new LinkedHashMap<>(api.details());
            body.put("error", api.getMessage());
            return new ApiResponse(api.status(), body, api.headers());
        }
        log.warn("request failed", cause);
        return error(500, cause.toString());
    }

    static ApiResponse error(int status, String message) {
        return ApiResponse.status(status, Map.of("error", message));
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, ApiResponse response) {
        byte[] bytes;
        CharSequence contentType = HttpHeaderValues.APPLICATION_JSON;
        try {
            if (response.body() instanceof ApiResponse.RawBody raw) {
                bytes = raw.bytes();
                contentType = raw.contentType();
            } else {
                bytes =
                        response.body() == null
                                ? new byte[0]
                                : Json.MAPPER.writeValueAsBytes(response.body());
            }
        } catch (IOException e) {
            bytes =
                    ("{\"error\":\"response could not be encoded\"}")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            response = new ApiResponse(500, null, Map.of());
        }
        FullHttpResponse http =
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(response.status()),
                        Unpooled.wrappedBuffer(bytes));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        response.headers().forEach((name, value) -> http.headers().set(name, value));
        if (keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(http);
        } else {
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug(
                "closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
