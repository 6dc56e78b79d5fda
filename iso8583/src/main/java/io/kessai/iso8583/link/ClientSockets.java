package io.kessai.iso8583.link;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Opens a client's socket: TCP with a connect timeout, then TLS with host-name verification if asked. */
final class ClientSockets {
    /** JSSE's name for RFC 2818 host-name checking: the certificate must name the host we dialled. */
    private static final String VERIFY_HOST_NAME = "HTTPS";

    private ClientSockets() {}

    static Socket open(LinkClientConfig config) throws IOException {
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (config.socketFactory() instanceof SSLSocketFactory tlsFactory) {
            // Connect in plain TCP first so the connect timeout applies, then layer TLS over it with
            // the host name, for SNI and for checking the certificate against the name we dialled.
            Socket plain = new Socket();
            try {
                plain.connect(address, config.connectTimeoutMillis());
                SSLSocket tls = (SSLSocket) tlsFactory.createSocket(plain, config.host(), config.port(), true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm(VERIFY_HOST_NAME);
                tls.setSSLParameters(parameters);
                Tls.handshake(tls, config.connectTimeoutMillis());
                return tls;
            } catch (IOException | RuntimeException failure) {
                plain.close();
                throw failure;
            }
        }
        Socket socket = config.socketFactory().createSocket();
        try {
            socket.connect(address, config.connectTimeoutMillis());
            return socket;
        } catch (IOException | RuntimeException failure) {
            socket.close();
            throw failure;
        }
    }
}
