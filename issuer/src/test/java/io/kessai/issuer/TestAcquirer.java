package io.kessai.issuer;

import io.kessai.iso8583.Dialects;
import io.kessai.iso8583.IsoFormatException;
import io.kessai.iso8583.IsoMessage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A plain-socket acquirer for tests: 2-byte binary length header, one frame at a time, so a test sees
 * exactly what the issuer put on the wire (an answer, garbage, nothing, a closed connection).
 */
final class TestAcquirer implements AutoCloseable {
    static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final int BYTE_MASK = 0xFF;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    TestAcquirer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    IsoMessage exchange(IsoMessage request) throws IOException, IsoFormatException {
        send(request);
        return read();
    }

    void send(IsoMessage request) throws IOException, IsoFormatException {
        sendFrame(request.encode());
    }

    void sendFrame(byte[] body) throws IOException {
        byte[] frame = new byte[body.length + 2];
        frame[0] = (byte) (body.length >>> Byte.SIZE);
        frame[1] = (byte) body.length;
        System.arraycopy(body, 0, frame, 2, body.length);
        out.write(frame);
        out.flush();
    }

    IsoMessage read() throws IOException, IsoFormatException {
        byte[] frame = readFrame(READ_TIMEOUT_MILLIS);
        if (frame == null) {
            throw new EOFException("the issuer closed the connection");
        }
        return Dialects.kessai().decode(frame);
    }

    /** The next frame's body, or null when the issuer closed the connection. */
    byte[] readFrame(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        int high = in.read();
        if (high < 0) {
            return null;
        }
        int length = ((high & BYTE_MASK) << Byte.SIZE) | in.readUnsignedByte();
        byte[] body = new byte[length];
        in.readFully(body);
        return body;
    }

    /** True if nothing at all arrives within the time (the connection stays open, silent). */
    boolean silentFor(int millis) throws IOException {
        try {
            readFrame(millis);
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
