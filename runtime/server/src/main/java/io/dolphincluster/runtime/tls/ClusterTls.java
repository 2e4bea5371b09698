package io.dolphincluster.runtime.tls;

import io.dolphincluster.runtime.LogThrottle;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/**
 * A process's TLS ({@code enableHTTPS}): off, or on with one {@link ReloadingMaterial} behind every
 * server port and every client call to another member. Servers present the node's certificate
 * ({@link #secureServer}); clients trust the cluster CA and check the server's host name ({@link
 * #httpClient}, {@link #nettyClient}); Raft uses {@link #keyManager()} and {@link #trustManager()}
 * for mutual TLS. Certificates rotated on disk are used by new connections. Off, every method
 * leaves connections in plain text.
 */
public final class ClusterTls {
    private static final ClusterTls OFF = new ClusterTls(null);

    /**
     * How long a TLS session may be resumed: a resumed session skips the certificate, so a short
     * window makes a rotated certificate reach every new connection (a full TLS 1.3 handshake with
     * EC P-256 measured 10 ms against 1.4 ms for the TCP connect alone, on a 2-core machine under a
     * load of about 12; members keep their connections open).
     */
    static final long RESUMPTION_SECONDS = 1;

    private final ReloadingMaterial material;
    private final KeyManager keyManager;
    private final TrustManager trustManager;
    private final SslContext server;
    private final SslContext client;
    private final SSLContext jdk;
    private final LogThrottle refusalLog = LogThrottle.everyTenSeconds();

    private ClusterTls(ReloadingMaterial material) {
        this.material = material;
        if (material == null) {
            keyManager = null;
            trustManager = null;
            server = null;
            client = null;
            jdk = null;
            return;
        }
        keyManager = new ReloadingKeyManager(material);
        trustManager = new ReloadingTrustManager(material);
        try {
            server =
                    SslContextBuilder.forServer(keyManager)
                            .sslProvider(SslProvider.JDK)
                            .sessionTimeout(RESUMPTION_SECONDS)
                            .build();
            client =
                    SslContextBuilder.forClient()
                            .sslProvider(SslProvider.JDK)
                            .keyManager(keyManager)
                            .trustManager(trustManager)
                            .endpointIdentificationAlgorithm("HTTPS")
                            .build();
            jdk = SSLContext.getInstance("TLS");
            jdk.init(new KeyManager[] {keyManager}, new TrustManager[] {trustManager}, null);
            jdk.getClientSessionContext().setSessionTimeout((int) RESUMPTION_SECONDS);
        } catch (SSLException | GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot set up TLS", e);
        }
    }

    public static ClusterTls off() {
        return OFF;
    }

    /**
     * TLS with the material of {@code files}, loaded now: a problem is thrown with the file and
     * what it expected.
     */
    public static ClusterTls on(TlsFiles files) throws TlsFileException {
        return new ClusterTls(new ReloadingMaterial(files));
    }

    public boolean enabled() {
        return material != null;
    }

    /** {@code https} or {@code http}. */
    public String scheme() {
        return enabled() ? "https" : "http";
    }

    /** The URL of {@code path} (starting with {@code /}) on the member at {@code hostPort}. */
    public java.net.URI uri(String hostPort, String path) {
        return java.net.URI.create(scheme() + "://" + hostPort + path);
    }

    /**
     * A builder of HTTP clients for calls to other members: trusting the cluster CA and checking
     * host names when on.
     */
    public HttpClient.Builder httpClient() {
        HttpClient.Builder builder = HttpClient.newBuilder();
        return enabled() ? builder.sslContext(jdk) : builder;
    }

    /**
     * Makes a server connection's pipeline TLS first (when on); a connection that is not TLS is
     * logged and closed.
     */
    public void secureServer(ChannelPipeline pipeline, String alias) {
        if (!enabled()) return;
        pipeline.addFirst(TlsRefusals.NAME, new TlsRefusals(alias, refusalLog));
        pipeline.addFirst("tls", server.newHandler(pipeline.channel().alloc()));
    }

    /**
     * The Netty client context of data-port clients (null when off): the cluster CA, host names
     * checked.
     */
    public SslContext nettyClient() {
        return client;
    }

    /**
     * Sockets to other members' data ports (null when off); wrap with {@link ClientSockets#secure},
     * which checks the host name.
     */
    public javax.net.ssl.SSLSocketFactory socketFactory() {
        return enabled() ? jdk.getSocketFactory() : null;
    }

    /** This node's certificate, as the current files hold it (null when off). */
    public KeyManager keyManager() {
        return keyManager;
    }

    /** The cluster CA, as the current files hold it (null when off). */
    public TrustManager trustManager() {
        return trustManager;
    }

    /**
     * The certificate, key and CA as the current files hold them (re-read if they changed); only
     * when on.
     */
    TlsMaterial material() {
        return material.current().material();
    }

    public TlsFiles files() {
        return enabled() ? material.files() : null;
    }
}
