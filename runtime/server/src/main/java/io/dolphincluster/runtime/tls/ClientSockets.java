package io.dolphincluster.runtime.tls;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Blocking client sockets over TLS that check the server's host name, as HTTPS clients do. */
public final class ClientSockets {
    private ClientSockets() {}

    /**
     * {@code plain}, connected to {@code host:port}, wrapped in TLS and handshaken; the plain
     * socket closes with it.
     */
    public static SSLSocket secure(SSLSocketFactory factory, Socket plain, String host, int port)
            throws IOException {
        SSLSocket socket = (SSLSocket) factory.createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }
}
