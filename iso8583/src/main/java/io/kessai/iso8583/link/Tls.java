package io.kessai.iso8583.link;

import java.io.IOException;
import javax.net.ssl.SSLSocket;

/** The TLS handshake with a deadline: a peer that stalls the handshake must not hold a thread forever. */
final class Tls {
    private static final int NO_TIMEOUT = 0;

    private Tls() {}

    static void handshake(SSLSocket socket, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        socket.startHandshake();
        socket.setSoTimeout(NO_TIMEOUT);
    }
}
