package io.kessai.iso8583.link;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;

/**
 * One TCP (or TLS) connection carrying frames: a reader thread that cuts frames and hands each to a
 * {@link FrameSink}, and a {@link FrameWriter} thread. Both are virtual threads. Shared by the client
 * and the server; they differ only in their sink.
 *
 * <p>Closing is idempotent and happens once, for the first cause: the socket is closed (which stops
 * the reader), the writer stops, and the {@link CloseHandler} learns why.
 */
final class Connection implements Peer {
    /** Receives every non-empty frame, on the reader thread, in arrival order. */
    interface FrameSink {
        void onFrame(Connection connection, byte[] frame);
    }

    /** Told once, on whichever thread closed the connection. {@code cause} is null for our own close. */
    interface CloseHandler {
        void onClosed(Connection connection, Throwable cause);
    }

    private final Socket socket;
    private final SocketAddress remote;
    private final Framing framing;
    private final FrameWriter writer;
    private final FrameSink sink;
    private final CloseHandler closeHandler;
    /** Server side: the TLS handshake runs on the reader thread so the accept loop never waits on it. */
    private final int handshakeTimeoutMillis;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile long lastReceivedNanos = System.nanoTime();

    /**
     * @param writeQueueCapacity     bound of the write queue (see {@link FrameWriter})
     * @param onSlotItemWritten      run by the writer for each written item that holds a slot
     * @param handshakeTimeoutMillis 0 if the socket needs no handshake here
     */
    Connection(Socket socket, Framing framing, int writeQueueCapacity, Runnable onSlotItemWritten,
            int handshakeTimeoutMillis, FrameSink sink, CloseHandler closeHandler) throws IOException {
        this.socket = socket;
        this.remote = socket.getRemoteSocketAddress();
        this.framing = framing;
        this.sink = sink;
        this.closeHandler = closeHandler;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        // We batch frames ourselves: Nagle would only add latency to the last frame of each batch.
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        this.writer = new FrameWriter(socket.getOutputStream(), framing, writeQueueCapacity, onSlotItemWritten);
    }

    void start(String name) {
        Thread.ofVirtual().name(name + "-writer").start(this::writeLoop);
        Thread.ofVirtual().name(name + "-reader").start(this::readLoop);
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    /** Queues an encoded message; false if the connection is closed or the queue is full. */
    boolean send(byte[] frame, boolean holdsSlot) {
        if (!open.get()) {
            return false;
        }
        return writer.offer(new Outgoing(frame, true, holdsSlot));
    }

    @Override
    public boolean writeFrame(byte[] frame) {
        Checks.inRange("frame length", frame.length, 0, framing.maxFrameBytes());
        return send(frame.clone(), false);
    }

    @Override
    public boolean writeRaw(byte[] bytes) {
        Checks.inRange("raw length", bytes.length, 0, writer.maxItemBytes());
        return open.get() && writer.offer(new Outgoing(bytes.clone(), false, false));
    }

    /** Closes after everything queued so far is written and flushed. */
    void closeGracefully() {
        if (open.get() && !writer.offer(Outgoing.CLOSE)) {
            close();
        }
    }

    @Override
    public void close() {
        closeBecause(null);
    }

    /** Closes now; the first call's cause is the one reported. */
    void closeBecause(Throwable cause) {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        writer.stop();
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all we wanted; a failure to close cleanly changes nothing for us.
        }
        try {
            closeHandler.onClosed(this, cause);
        } finally {
            // Only now: whoever waits for the close finds its consequences (requests failed,
            // session removed) already done.
            closed.countDown();
        }
    }

    boolean awaitClosed(long timeoutMillis) throws InterruptedException {
        return closed.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    void awaitClosed() throws InterruptedException {
        closed.await();
    }

    private void readLoop() {
        FrameReader reader = null;
        try {
            if (handshakeTimeoutMillis > 0 && socket instanceof SSLSocket tls) {
                Tls.handshake(tls, handshakeTimeoutMillis);
            }
            reader = new FrameReader(socket.getInputStream(), framing);
            while (open.get()) {
                byte[] frame = reader.readFrame();
                if (frame == null) {
                    closeBecause(new LinkDownException("peer " + remote + " closed the connection"));
                    return;
                }
                lastReceivedNanos = System.nanoTime();
                if (frame.length > 0) {
                    sink.onFrame(this, frame);
                    // The sink has decoded what it needs; this copy may hold card data.
                    Arrays.fill(frame, (byte) 0);
                }
            }
        } catch (IOException | LinkProtocolException | RuntimeException failure) {
            // After our own close the socket throws too; closeBecause ignores every call but the first.
            closeBecause(failure);
        } catch (Error fatal) {
            // A connection whose reader is gone must not look open: nothing would ever answer on it.
            closeBecause(fatal);
            throw fatal;
        } finally {
            if (reader != null) {
                reader.wipe();
            }
        }
    }

    private void writeLoop() {
        try {
            writer.run();
            closeBecause(null);
        } catch (IOException | RuntimeException failure) {
            closeBecause(failure);
        } catch (Error fatal) {
            closeBecause(fatal);
            throw fatal;
        }
    }

    @Override
    public String toString() {
        return "connection to " + remote;
    }
}
