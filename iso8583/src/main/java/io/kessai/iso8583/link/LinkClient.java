package io.kessai.iso8583.link;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The acquirer's end of an ISO 8583 link: one connection to a host, many requests in flight on it,
 * each paired with its response by {@link MatchKey} whatever order the host answers in.
 *
 * <p>The client connects, signs on, and only then carries requests ({@link LinkState#READY}); it sends
 * an echo test when the host has been quiet, and reconnects with exponential backoff whenever the
 * connection or the sign-on fails. It never retries a request: a request whose connection drops fails
 * at once with {@link LinkDownException}, one that gets no answer in time with
 * {@link LinkTimeoutException}, and whether to reverse it is the caller's decision. A response that
 * arrives after that is dropped and reported ({@link LinkListener#onLateResponse}); it never completes
 * anything.
 *
 * <p>Threads: a supervisor (connect, sign-on, reconnect), a timer (timeouts, echo) and, per
 * connection, a reader and a writer, all virtual. {@link #send} may be called from any number of
 * threads. Futures complete on the reader or timer thread: stages chained with the non-async methods
 * run there and must be quick, or use the {@code *Async} variants.
 *
 * @param <M> the message type
 */
public final class LinkClient<M> implements AutoCloseable {
    /** Write-queue room beyond the window: sign-on, echo, sign-off, answers to the host's requests. */
    private static final int MANAGEMENT_QUEUE_RESERVE = 16;
    /** How long close() waits for the link's own threads to finish once their connection is gone. */
    private static final long THREAD_JOIN_MILLIS = 2_000;
    /** Step of the drain wait on close: short, so a drained link closes promptly. */
    private static final long DRAIN_POLL_MILLIS = 1;

    private final LinkClientConfig config;
    private final LinkCodec<M> codec;
    private final NetworkManagement<M> management;
    private final LinkListener<M> listener;
    private final InFlightRequests<M> inFlight;
    private final Backoff backoff;
    private final String target;

    private final ClientState state;
    /** The connection being opened or in use, for close() to cut. */
    private volatile Connection currentConnection;
    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private final AtomicBoolean echoOutstanding = new AtomicBoolean();

    private final Thread supervisor;
    private final Thread timer;

    private LinkClient(LinkClientConfig config, LinkCodec<M> codec, NetworkManagement<M> management,
            LinkListener<M> listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.management = Objects.requireNonNull(management, "management");
        this.listener = SafeListener.wrap(Objects.requireNonNull(listener, "listener"));
        this.inFlight = new InFlightRequests<>(config.maxInFlight(), config.abandonedKeyMemory());
        this.backoff = new Backoff(config.reconnectInitialMillis(), config.reconnectMaxMillis(),
                config.reconnectJitterPercent());
        this.target = config.target();
        this.state = new ClientState(this.listener);
        this.supervisor = Thread.ofVirtual().name("link-" + target + "-supervisor").unstarted(this::supervise);
        this.timer = Thread.ofVirtual().name("link-" + target + "-timer").unstarted(this::tick);
    }

    /** Creates the client and starts connecting; {@link #awaitState} tells when it is READY. */
    public static <M> LinkClient<M> start(LinkClientConfig config, LinkCodec<M> codec,
            NetworkManagement<M> management, LinkListener<M> listener) {
        LinkClient<M> client = new LinkClient<>(config, codec, management, listener);
        client.supervisor.start();
        client.timer.start();
        return client;
    }

    public LinkState state() {
        return state.current();
    }

    /** Requests sent and not yet answered, timed out or failed (network management included). */
    public int inFlight() {
        return inFlight.size();
    }

    public LinkClientConfig config() {
        return config;
    }

    /** Waits up to {@code timeoutMillis} for the link to be in {@code wanted}; true if it is. */
    public boolean awaitState(LinkState wanted, long timeoutMillis) throws InterruptedException {
        return state.await(wanted, timeoutMillis);
    }

    /** {@link #send(Object, int)} with the configured request timeout. */
    public CompletableFuture<M> send(M request) throws InterruptedException {
        return send(request, config.requestTimeoutMillis());
    }

    /**
     * Sends a request and returns its response's future. Blocks only while the window is full, for at
     * most the configured window wait. Every refusal and failure completes the future exceptionally
     * with a {@link LinkException}: {@link LinkDownException} (not READY, or the connection dropped),
     * {@link LinkBusyException} (no window slot in time), {@link LinkDuplicateKeyException},
     * {@link LinkTimeoutException}, or a plain {@link LinkException} from the codec.
     *
     * @param timeoutMillis how long to wait for the response, 1..3,600,000
     * @throws InterruptedException if interrupted while waiting for a window slot
     */
    public CompletableFuture<M> send(M request, int timeoutMillis) throws InterruptedException {
        Objects.requireNonNull(request, "request");
        Checks.inRange("timeoutMillis", timeoutMillis, 1, LinkClientConfig.MAX_MILLIS);
        if (state.current() != LinkState.READY) {
            return CompletableFuture.failedFuture(notReady());
        }
        if (!inFlight.acquireSlot(config.windowWaitMillis())) {
            return CompletableFuture.failedFuture(
                    new LinkBusyException(config.maxInFlight(), config.windowWaitMillis()));
        }
        Connection connection = state.readyConnection();
        if (connection == null) {
            inFlight.releaseSlot();
            return CompletableFuture.failedFuture(notReady());
        }
        return dispatch(request, timeoutMillis, connection, true);
    }

    /**
     * Stops taking requests, waits (at most the drain timeout) for those in flight, signs off and
     * closes. Requests still in flight after the drain fail with {@link LinkDownException}. Idempotent;
     * returns when the link is CLOSED.
     */
    @Override
    public void close() {
        if (!closeStarted.compareAndSet(false, true)) {
            awaitClosedQuietly();
            return;
        }
        Connection drainable = state.startClosing();
        try {
            if (drainable != null) {
                drain(drainable);
                signOff(drainable);
                drainable.closeGracefully();
                drainable.awaitClosed(config.managementTimeoutMillis());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            shutDown();
        }
    }

    // ---- sending ----

    private CompletableFuture<M> dispatch(M request, int timeoutMillis, Connection connection, boolean holdsSlot) {
        MatchKey key;
        byte[] frame;
        try {
            key = codec.requestKey(request);
            frame = codec.encode(request);
        } catch (LinkException | RuntimeException failure) {
            return refuse(holdsSlot, null, codecFailure("encoding a request", failure));
        }
        if (frame.length > config.framing().maxFrameBytes()) {
            return refuse(holdsSlot, frame, new LinkException("request " + key + " encodes to " + frame.length
                    + " bytes, over the maximum frame of " + config.framing().maxFrameBytes() + " bytes"));
        }
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        PendingRequest<M> pending = new PendingRequest<>(key, connection, deadlineNanos, timeoutMillis, holdsSlot);
        LinkDuplicateKeyException duplicate = inFlight.register(pending);
        if (duplicate != null) {
            return refuse(holdsSlot, frame, duplicate);
        }
        if (!connection.send(frame, false)) {
            Arrays.fill(frame, (byte) 0);
            inFlight.withdraw(pending, new LinkDownException(connection.isOpen()
                    ? "write queue to " + target + " is full (the host is not reading): request " + key + " not sent"
                    : "connection to " + target + " closed before request " + key + " was written"));
        }
        return pending.future;
    }

    private CompletableFuture<M> refuse(boolean holdsSlot, byte[] frame, LinkException why) {
        if (holdsSlot) {
            inFlight.releaseSlot();
        }
        if (frame != null) {
            Arrays.fill(frame, (byte) 0);
        }
        return CompletableFuture.failedFuture(why);
    }

    private LinkDownException notReady() {
        return new LinkDownException("link to " + target + " is " + state.current() + ", not READY");
    }

    // ---- receiving (reader thread) ----

    private void onFrame(Connection connection, byte[] frame) {
        M message;
        MatchKey key;
        try {
            message = codec.decode(frame);
            if (!codec.isResponse(message)) {
                answerHost(connection, message);
                return;
            }
            key = codec.responseKey(message);
        } catch (LinkException | RuntimeException failure) {
            listener.onProtocolError(connection.remoteAddress(),
                    codecFailure("decoding a " + frame.length + "-byte frame", failure));
            return;
        }
        if (inFlight.complete(key, message)) {
            return;
        }
        if (inFlight.wasAbandoned(key)) {
            listener.onLateResponse(key, message);
        } else {
            listener.onDropped(connection.remoteAddress(), DropReason.UNMATCHED_RESPONSE, key, null);
        }
    }

    /** A request from the host (its own echo test): answered by the network management, or dropped. */
    private void answerHost(Connection connection, M request) {
        M answer;
        try {
            answer = management.answer(request);
        } catch (RuntimeException failure) {
            listener.onManagementFailure(NetworkManagement.Step.ECHO, failure);
            return;
        }
        if (answer == null) {
            listener.onDropped(connection.remoteAddress(), DropReason.UNANSWERED_REQUEST, keyOrNull(request), null);
            return;
        }
        byte[] frame;
        try {
            frame = codec.encode(answer);
        } catch (LinkException | RuntimeException failure) {
            listener.onDropped(connection.remoteAddress(), DropReason.ENCODE_FAILED, keyOrNull(request),
                    codecFailure("encoding an answer", failure));
            return;
        }
        if (frame.length > config.framing().maxFrameBytes() || !connection.send(frame, false)) {
            Arrays.fill(frame, (byte) 0);
            listener.onDropped(connection.remoteAddress(), DropReason.WRITE_REFUSED, keyOrNull(request), null);
        }
    }

    private MatchKey keyOrNull(M request) {
        try {
            return codec.requestKey(request);
        } catch (LinkException | RuntimeException unknown) {
            return null;
        }
    }

    private void onConnectionClosed(Connection connection, Throwable cause) {
        // Refuse new requests before failing those in flight, so none slips onto a dead connection.
        state.lost(connection);
        // Reported before the requests fail, so whoever reacts to a failure finds its cause logged.
        if (cause instanceof LinkProtocolException protocolError) {
            listener.onProtocolError(connection.remoteAddress(), protocolError);
        }
        listener.onDisconnected(connection.remoteAddress(), cause);
        inFlight.abandonAll(connection, key -> new LinkDownException(
                "connection to " + target + " closed before the response to " + key, cause));
    }

    // ---- connection lifecycle (supervisor thread) ----

    private void supervise() {
        int failuresInARow = 0;
        while (!state.isClosing()) {
            state.moveTo(LinkState.CONNECTING);
            Connection connection = null;
            try {
                connection = connect();
                listener.onConnected(connection.remoteAddress());
                state.moveTo(LinkState.SIGNING_ON);
                signOn(connection);
                if (!connection.isOpen()) {
                    throw new LinkDownException("connection to " + target + " closed during sign-on");
                }
                if (!state.becomeReady(connection)) {
                    break;
                }
                failuresInARow = 0;
                connection.awaitClosed();
            } catch (InterruptedException interrupted) {
                break;
            } catch (IOException failure) {
                if (!state.isClosing()) {
                    listener.onConnectFailed(target, failure);
                }
            } catch (LinkException | RuntimeException failure) {
                if (!state.isClosing()) {
                    listener.onManagementFailure(NetworkManagement.Step.SIGN_ON, failure);
                }
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
            if (state.isClosing()) {
                break;
            }
            state.moveTo(LinkState.DISCONNECTED);
            try {
                Thread.sleep(backoff.delayMillis(failuresInARow));
            } catch (InterruptedException interrupted) {
                break;
            }
            failuresInARow++;
        }
    }

    private Connection connect() throws IOException, InterruptedException {
        Socket socket = ClientSockets.open(config);
        try {
            Connection connection = new Connection(socket, config.framing(),
                    config.maxInFlight() + MANAGEMENT_QUEUE_RESERVE, LinkClient::noSlot, 0,
                    this::onFrame, this::onConnectionClosed);
            currentConnection = connection;
            if (state.isClosing()) {
                // close() may have looked for a connection to cut just before we published this one.
                connection.close();
                throw new InterruptedException("link closing");
            }
            connection.start("link-" + target);
            return connection;
        } catch (IOException | RuntimeException failure) {
            socket.close();
            throw failure;
        }
    }

    private void signOn(Connection connection) throws LinkException, InterruptedException {
        M signOn = management.signOn();
        if (signOn == null) {
            return;
        }
        M response = awaitManagement(dispatch(signOn, config.managementTimeoutMillis(), connection, false));
        if (!management.accepted(response)) {
            throw new LinkException("sign-on refused by " + target);
        }
    }

    private void signOff(Connection connection) throws InterruptedException {
        if (!connection.isOpen()) {
            return;
        }
        try {
            M signOff = management.signOff();
            if (signOff == null) {
                return;
            }
            M response = awaitManagement(dispatch(signOff, config.managementTimeoutMillis(), connection, false));
            if (!management.accepted(response)) {
                listener.onManagementFailure(NetworkManagement.Step.SIGN_OFF,
                        new LinkException("sign-off refused by " + target));
            }
        } catch (LinkException | RuntimeException failure) {
            listener.onManagementFailure(NetworkManagement.Step.SIGN_OFF, failure);
        }
    }

    /** The timer fails the future at its timeout; the bound here only guards against a lost timer. */
    private M awaitManagement(CompletableFuture<M> answer) throws LinkException, InterruptedException {
        long boundMillis = (long) config.managementTimeoutMillis() + config.timeoutCheckMillis() + THREAD_JOIN_MILLIS;
        try {
            return answer.get(boundMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw asLinkException(failed.getCause());
        } catch (TimeoutException stuck) {
            throw new LinkException("no network management answer from " + target + " within " + boundMillis + " ms");
        }
    }

    // ---- timeouts and echo (timer thread) ----

    private void tick() {
        while (state.current() != LinkState.CLOSED) {
            try {
                Thread.sleep(config.timeoutCheckMillis());
            } catch (InterruptedException interrupted) {
                return;
            }
            inFlight.expire(System.nanoTime());
            try {
                probeIfIdle();
            } catch (RuntimeException failure) {
                echoOutstanding.set(false);
                listener.onManagementFailure(NetworkManagement.Step.ECHO, failure);
            }
        }
    }

    private void probeIfIdle() {
        Connection connection = state.readyConnection();
        if (connection == null || state.current() != LinkState.READY) {
            return;
        }
        long quietNanos = System.nanoTime() - connection.lastReceivedNanos();
        if (quietNanos < TimeUnit.MILLISECONDS.toNanos(config.echoIdleMillis())
                || !echoOutstanding.compareAndSet(false, true)) {
            return;
        }
        M echo = management.echo();
        if (echo == null) {
            echoOutstanding.set(false);
            return;
        }
        dispatch(echo, config.managementTimeoutMillis(), connection, false).whenComplete((response, failure) -> {
            echoOutstanding.set(false);
            if (failure == null && management.accepted(response)) {
                return;
            }
            LinkException why = failure != null ? asLinkException(failure)
                    : new LinkException("echo test refused by " + target);
            listener.onManagementFailure(NetworkManagement.Step.ECHO, why);
            // A host that does not answer an echo is not there: reconnect rather than wait for timeouts.
            connection.closeBecause(new LinkDownException("echo test to " + target + " failed", why));
        });
    }

    // ---- closing ----

    private void drain(Connection connection) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.drainTimeoutMillis());
        while (inFlight.size() > 0 && connection.isOpen() && System.nanoTime() - deadlineNanos < 0) {
            Thread.sleep(DRAIN_POLL_MILLIS);
        }
    }

    private void shutDown() {
        supervisor.interrupt();
        Connection connection = currentConnection;
        if (connection != null) {
            connection.close();
        }
        joinQuietly(supervisor);
        inFlight.abandonAll(null, key -> new LinkDownException("link to " + target + " closed before the response to " + key));
        state.closed();
        timer.interrupt();
        joinQuietly(timer);
    }

    private void awaitClosedQuietly() {
        try {
            awaitState(LinkState.CLOSED, THREAD_JOIN_MILLIS + config.drainTimeoutMillis() + 2L * config.managementTimeoutMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofMillis(THREAD_JOIN_MILLIS));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void noSlot() {
        throw new AssertionError("client frames hold no server slot");
    }

    private static LinkException asLinkException(Throwable failure) {
        return failure instanceof LinkException linkFailure ? linkFailure
                : new LinkException("network management failed: " + failure.getClass().getName(), failure);
    }

    private static LinkException codecFailure(String what, Throwable failure) {
        return failure instanceof LinkException linkFailure ? linkFailure
                : new LinkException("codec threw " + failure.getClass().getName() + " " + what, failure);
    }
}
