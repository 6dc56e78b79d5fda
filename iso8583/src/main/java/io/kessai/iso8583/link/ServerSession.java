package io.kessai.iso8583.link;

import java.io.IOException;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One accepted connection of a {@link LinkServer}: reads requests, hands each to the handler, writes
 * answers as they complete. Each request takes one of a fixed number of slots, given back when its
 * answer has been written (or dropped, or timed out); with none free, the reader waits, which stops
 * reading from the socket and lets TCP push back on the client.
 */
final class ServerSession<M> {
    /** Write-queue room beyond the slots, for what a handler writes through {@link Peer} itself. */
    private static final int PEER_WRITE_RESERVE = 16;

    /** Told once when the session's connection has closed. */
    interface ClosedHandler<M> {
        void onClosed(ServerSession<M> session, Throwable cause);
    }

    private final LinkServerConfig config;
    private final LinkCodec<M> codec;
    private final LinkHandler<M> handler;
    private final LinkListener<M> listener;
    private final ScheduledExecutorService timer;
    private final Semaphore slots;
    private final Connection connection;
    private volatile boolean draining;

    ServerSession(Socket socket, LinkServerConfig config, LinkCodec<M> codec, LinkHandler<M> handler,
            LinkListener<M> listener, ScheduledExecutorService timer, ClosedHandler<M> closedHandler)
            throws IOException {
        this.config = config;
        this.codec = codec;
        this.handler = handler;
        this.listener = listener;
        this.timer = timer;
        this.slots = new Semaphore(config.maxInFlightPerConnection());
        this.connection = new Connection(socket, config.framing(),
                config.maxInFlightPerConnection() + PEER_WRITE_RESERVE, slots::release,
                config.handshakeTimeoutMillis(), this::onFrame,
                (closed, cause) -> closedHandler.onClosed(this, cause));
    }

    void start(String name) {
        connection.start(name);
    }

    Connection connection() {
        return connection;
    }

    /** Requests being handled or answered and not yet written. */
    int inFlight() {
        return config.maxInFlightPerConnection() - slots.availablePermits();
    }

    /** From now on requests are dropped unanswered; those in flight still get their answers. */
    void beginDrain() {
        draining = true;
    }

    private void onFrame(Connection from, byte[] frame) {
        if (draining) {
            listener.onDropped(from.remoteAddress(), DropReason.SERVER_DRAINING, null, null);
            return;
        }
        try {
            slots.acquire();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            from.close();
            return;
        }
        M request;
        try {
            request = codec.decode(frame);
            if (codec.isResponse(request)) {
                slots.release();
                listener.onDropped(from.remoteAddress(), DropReason.UNEXPECTED_RESPONSE, keyOrNull(request, true), null);
                return;
            }
        } catch (LinkException | RuntimeException failure) {
            slots.release();
            listener.onProtocolError(from.remoteAddress(), failure instanceof LinkException linkFailure ? linkFailure
                    : new LinkException("codec threw " + failure.getClass().getName()
                            + " decoding a " + frame.length + "-byte frame", failure));
            return;
        }
        CompletionStage<M> stage;
        try {
            stage = handler.handle(request, from);
        } catch (RuntimeException failure) {
            fail(request, DropReason.HANDLER_FAILED, failure);
            return;
        }
        if (stage == null) {
            fail(request, DropReason.HANDLER_FAILED, new LinkException("handler returned no stage"));
            return;
        }
        if (stage instanceof CompletableFuture<M> future && future.isDone()) {
            // The common case (an in-memory host): answer now, no timer, no callback.
            switch (future.state()) {
                case SUCCESS -> answer(request, future.resultNow());
                case FAILED -> fail(request, DropReason.HANDLER_FAILED, future.exceptionNow());
                default -> fail(request, DropReason.HANDLER_FAILED, new CancellationException("handler stage cancelled"));
            }
            return;
        }
        HandlerCall call = new HandlerCall(request);
        call.timeout = timer.schedule(call::expire, config.handlerTimeoutMillis(), TimeUnit.MILLISECONDS);
        stage.whenComplete(call::complete);
    }

    /** Sends the answer, or nothing for null; the slot goes back once the answer is written. */
    private void answer(M request, M response) {
        if (response == null) {
            slots.release();
            return;
        }
        byte[] frame;
        try {
            frame = codec.encode(response);
        } catch (LinkException | RuntimeException failure) {
            fail(request, DropReason.ENCODE_FAILED, failure);
            return;
        }
        if (frame.length > config.framing().maxFrameBytes()) {
            Arrays.fill(frame, (byte) 0);
            fail(request, DropReason.ENCODE_FAILED, new LinkException("response encodes to " + frame.length
                    + " bytes, over the maximum frame of " + config.framing().maxFrameBytes() + " bytes"));
            return;
        }
        if (!connection.send(frame, true)) {
            Arrays.fill(frame, (byte) 0);
            fail(request, DropReason.WRITE_REFUSED, null);
        }
    }

    private void fail(M request, DropReason reason, Throwable cause) {
        slots.release();
        listener.onDropped(connection.remoteAddress(), reason, keyOrNull(request, false), cause);
    }

    private MatchKey keyOrNull(M message, boolean isResponse) {
        try {
            return isResponse ? codec.responseKey(message) : codec.requestKey(message);
        } catch (LinkException | RuntimeException unknown) {
            return null;
        }
    }

    /** A handler answering later: whichever of its answer and its timeout comes first wins. */
    private final class HandlerCall {
        private final M request;
        private final AtomicBoolean finished = new AtomicBoolean();
        volatile ScheduledFuture<?> timeout;

        HandlerCall(M request) {
            this.request = request;
        }

        void complete(M response, Throwable failure) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            ScheduledFuture<?> pending = timeout;
            if (pending != null) {
                pending.cancel(false);
            }
            if (failure != null) {
                fail(request, DropReason.HANDLER_FAILED, failure);
            } else {
                answer(request, response);
            }
        }

        void expire() {
            if (finished.compareAndSet(false, true)) {
                fail(request, DropReason.HANDLER_TIMED_OUT, new LinkException(
                        "handler did not answer within " + config.handlerTimeoutMillis() + " ms"));
            }
        }
    }
}
