package io.kessai.iso8583.link;

import java.lang.System.Logger.Level;
import java.net.SocketAddress;

/** Wraps the caller's listener so that a throwing listener cannot break a reader or timer thread. */
final class SafeListener<M> implements LinkListener<M> {
    private static final System.Logger LOGGER = System.getLogger(SafeListener.class.getName());

    private final LinkListener<M> delegate;

    private SafeListener(LinkListener<M> delegate) {
        this.delegate = delegate;
    }

    static <M> LinkListener<M> wrap(LinkListener<M> listener) {
        return listener instanceof SafeListener<M> ? listener : new SafeListener<>(listener);
    }

    @Override
    public void onStateChange(LinkState previous, LinkState current) {
        guard(() -> delegate.onStateChange(previous, current));
    }

    @Override
    public void onConnected(SocketAddress peer) {
        guard(() -> delegate.onConnected(peer));
    }

    @Override
    public void onConnectFailed(String target, Throwable cause) {
        guard(() -> delegate.onConnectFailed(target, cause));
    }

    @Override
    public void onDisconnected(SocketAddress peer, Throwable cause) {
        guard(() -> delegate.onDisconnected(peer, cause));
    }

    @Override
    public void onConnectionRefused(SocketAddress peer, String reason) {
        guard(() -> delegate.onConnectionRefused(peer, reason));
    }

    @Override
    public void onProtocolError(SocketAddress peer, LinkException error) {
        guard(() -> delegate.onProtocolError(peer, error));
    }

    @Override
    public void onLateResponse(MatchKey key, M response) {
        guard(() -> delegate.onLateResponse(key, response));
    }

    @Override
    public void onDropped(SocketAddress peer, DropReason reason, MatchKey key, Throwable cause) {
        guard(() -> delegate.onDropped(peer, reason, key, cause));
    }

    @Override
    public void onManagementFailure(NetworkManagement.Step step, Throwable cause) {
        guard(() -> delegate.onManagementFailure(step, cause));
    }

    private static void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException thrown) {
            LOGGER.log(Level.WARNING, "link listener threw " + thrown.getClass().getName(), thrown);
        }
    }
}
