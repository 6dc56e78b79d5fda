package io.kessai.iso8583.link;

import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event, for assertions. */
final class RecordingListener<M> implements LinkListener<M> {
    final List<LinkState> states = new CopyOnWriteArrayList<>();
    final List<MatchKey> lateKeys = new CopyOnWriteArrayList<>();
    final List<LinkException> protocolErrors = new CopyOnWriteArrayList<>();
    final List<DropReason> drops = new CopyOnWriteArrayList<>();
    final List<NetworkManagement.Step> managementFailures = new CopyOnWriteArrayList<>();
    final List<Throwable> disconnects = new CopyOnWriteArrayList<>();
    final List<Throwable> connectFailures = new CopyOnWriteArrayList<>();
    final List<String> refusals = new CopyOnWriteArrayList<>();

    @Override
    public void onStateChange(LinkState previous, LinkState current) {
        states.add(current);
    }

    @Override
    public void onConnectFailed(String target, Throwable cause) {
        connectFailures.add(cause);
    }

    @Override
    public void onDisconnected(SocketAddress peer, Throwable cause) {
        disconnects.add(cause == null ? new NullPointerException("closed by us") : cause);
    }

    @Override
    public void onConnectionRefused(SocketAddress peer, String reason) {
        refusals.add(reason);
    }

    @Override
    public void onProtocolError(SocketAddress peer, LinkException error) {
        protocolErrors.add(error);
    }

    @Override
    public void onLateResponse(MatchKey key, M response) {
        lateKeys.add(key);
    }

    @Override
    public void onDropped(SocketAddress peer, DropReason reason, MatchKey key, Throwable cause) {
        drops.add(reason);
    }

    @Override
    public void onManagementFailure(NetworkManagement.Step step, Throwable cause) {
        managementFailures.add(step);
    }
}
