package io.kessai.iso8583.link;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLServerSocket;

/**
 * The host's end of ISO 8583 links: accepts connections (up to a limit), reads requests from each and
 * hands them to a {@link LinkHandler}, writing answers as they complete. Requests of one connection
 * are handled concurrently up to a bound, beyond which the connection is not read.
 *
 * <p>Threads: an acceptor, a timer (handler timeouts, idle connections) and a reader and a writer per
 * connection, all virtual.
 *
 * @param <M> the message type
 */
public final class LinkServer<M> implements AutoCloseable {
    /** How often idle connections are looked for; the idle timeout is checked to within this. */
    private static final long MAX_IDLE_CHECK_MILLIS = 1_000;
    private static final int IDLE_CHECKS_PER_TIMEOUT = 4;
    /** Pause after a failed accept (out of file descriptors, say) so the loop does not spin. */
    private static final long ACCEPT_RETRY_MILLIS = 100;
    private static final long DRAIN_POLL_MILLIS = 1;
    /** Floor for waiting on each connection's final flush once the drain deadline has passed. */
    private static final long FINAL_FLUSH_MILLIS = 100;
    private static final long THREAD_JOIN_MILLIS = 2_000;

    private final LinkServerConfig config;
    private final LinkCodec<M> codec;
    private final LinkHandler<M> handler;
    private final LinkListener<M> listener;
    private final ServerSocket serverSocket;
    private final Set<ServerSession<M>> sessions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final Thread acceptor;
    private final AtomicBoolean closing = new AtomicBoolean();

    private LinkServer(LinkServerConfig config, LinkCodec<M> codec, LinkHandler<M> handler,
            LinkListener<M> listener, ServerSocket serverSocket) {
        this.config = config;
        this.codec = codec;
        this.handler = handler;
        this.listener = listener;
        this.serverSocket = serverSocket;
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
                Thread.ofVirtual().name("link-server-" + serverSocket.getLocalPort() + "-timer").factory());
        // Handler timeouts are cancelled as soon as the answer comes: do not keep them queued until due.
        scheduler.setRemoveOnCancelPolicy(true);
        this.timer = Executors.unconfigurableScheduledExecutorService(scheduler);
        this.acceptor = Thread.ofVirtual().name("link-server-" + serverSocket.getLocalPort() + "-acceptor")
                .unstarted(this::acceptLoop);
    }

    /** Binds the port and starts accepting. */
    public static <M> LinkServer<M> start(LinkServerConfig config, LinkCodec<M> codec, LinkHandler<M> handler,
            LinkListener<M> listener) throws IOException {
        Objects.requireNonNull(config, "config");
        ServerSocket serverSocket = config.serverSocketFactory().createServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            if (serverSocket instanceof SSLServerSocket tls) {
                tls.setNeedClientAuth(config.requireClientCertificate());
            }
            serverSocket.bind(new InetSocketAddress(config.bindHost(), config.port()), config.acceptBacklog());
        } catch (IOException | RuntimeException failure) {
            serverSocket.close();
            throw failure;
        }
        LinkServer<M> server = new LinkServer<>(config, Objects.requireNonNull(codec, "codec"),
                Objects.requireNonNull(handler, "handler"),
                SafeListener.wrap(Objects.requireNonNull(listener, "listener")), serverSocket);
        long idleCheckMillis = Math.min(MAX_IDLE_CHECK_MILLIS,
                Math.max(1, config.idleTimeoutMillis() / IDLE_CHECKS_PER_TIMEOUT));
        server.timer.scheduleWithFixedDelay(server::closeIdleConnections, idleCheckMillis, idleCheckMillis,
                TimeUnit.MILLISECONDS);
        server.acceptor.start();
        return server;
    }

    /** The port listened on (the one picked when configured with 0). */
    public int localPort() {
        return serverSocket.getLocalPort();
    }

    public int connectionCount() {
        return sessions.size();
    }

    /**
     * Stops accepting, drops requests that arrive from now on, lets those in flight be answered (at
     * most the drain timeout), flushes and closes every connection. Idempotent.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(serverSocket);
        joinQuietly(acceptor);
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.drainTimeoutMillis());
        try {
            sessions.forEach(ServerSession::beginDrain);
            while (anyInFlight() && System.nanoTime() - deadlineNanos < 0) {
                Thread.sleep(DRAIN_POLL_MILLIS);
            }
            sessions.forEach(session -> session.connection().closeGracefully());
            for (ServerSession<M> session : sessions) {
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                session.connection().awaitClosed(Math.max(FINAL_FLUSH_MILLIS, remainingMillis));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            sessions.forEach(session -> session.connection().close());
            timer.shutdownNow();
        }
    }

    private boolean anyInFlight() {
        for (ServerSession<M> session : sessions) {
            if (session.inFlight() > 0 && session.connection().isOpen()) {
                return true;
            }
        }
        return false;
    }

    private void acceptLoop() {
        while (!closing.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException failure) {
                if (closing.get() || serverSocket.isClosed()) {
                    return;
                }
                listener.onConnectFailed("accept on port " + localPort(), failure);
                if (!pause()) {
                    return;
                }
                continue;
            }
            // Only this thread adds sessions, so the count cannot grow between this check and the add.
            if (sessions.size() >= config.maxConnections()) {
                listener.onConnectionRefused(socket.getRemoteSocketAddress(),
                        "limit of " + config.maxConnections() + " connections reached");
                closeQuietly(socket);
                continue;
            }
            serve(socket);
        }
    }

    private void serve(Socket socket) {
        try {
            ServerSession<M> session = new ServerSession<>(socket, config, codec, handler, listener, timer,
                    this::onSessionClosed);
            sessions.add(session);
            listener.onConnected(socket.getRemoteSocketAddress());
            session.start("link-server-" + localPort() + "-" + socket.getPort());
        } catch (IOException | RuntimeException failure) {
            closeQuietly(socket);
            listener.onConnectFailed("accepted connection from " + socket.getRemoteSocketAddress(), failure);
        }
    }

    private void onSessionClosed(ServerSession<M> session, Throwable cause) {
        sessions.remove(session);
        if (cause instanceof LinkProtocolException protocolError) {
            listener.onProtocolError(session.connection().remoteAddress(), protocolError);
        }
        listener.onDisconnected(session.connection().remoteAddress(), cause);
    }

    private void closeIdleConnections() {
        long limitNanos = TimeUnit.MILLISECONDS.toNanos(config.idleTimeoutMillis());
        long now = System.nanoTime();
        for (ServerSession<M> session : sessions) {
            Connection connection = session.connection();
            if (now - connection.lastReceivedNanos() > limitNanos) {
                connection.closeBecause(new LinkDownException("no frame from " + connection.remoteAddress()
                        + " for " + config.idleTimeoutMillis() + " ms"));
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(ACCEPT_RETRY_MILLIS);
            return true;
        } catch (InterruptedException interrupted) {
            return false;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is all we wanted.
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofMillis(THREAD_JOIN_MILLIS));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
