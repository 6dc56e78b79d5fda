package io.kessai.iso8583.link;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.util.Objects;

/** The default listener: one line per event, keys and addresses only, never a message's contents. */
final class LoggingLinkListener<M> implements LinkListener<M> {
    private final Logger logger;
    private final String name;

    LoggingLinkListener(String linkName) {
        this.name = Objects.requireNonNull(linkName, "linkName");
        this.logger = System.getLogger("io.kessai.iso8583.link." + linkName);
    }

    @Override
    public void onStateChange(LinkState previous, LinkState current) {
        logger.log(Level.INFO, "link {0}: {1} -> {2}", name, previous, current);
    }

    @Override
    public void onConnected(SocketAddress peer) {
        logger.log(Level.INFO, "link {0}: connected to {1}", name, peer);
    }

    @Override
    public void onConnectFailed(String target, Throwable cause) {
        logger.log(Level.WARNING, "link {0}: cannot connect to {1}: {2}", name, target, describe(cause));
    }

    @Override
    public void onDisconnected(SocketAddress peer, Throwable cause) {
        logger.log(cause == null ? Level.INFO : Level.WARNING, "link {0}: disconnected from {1}: {2}",
                name, peer, cause == null ? "closed by us" : describe(cause));
    }

    @Override
    public void onConnectionRefused(SocketAddress peer, String reason) {
        logger.log(Level.WARNING, "link {0}: refused connection from {1}: {2}", name, peer, reason);
    }

    @Override
    public void onProtocolError(SocketAddress peer, LinkException error) {
        logger.log(Level.WARNING, "link {0}: protocol error from {1}: {2}", name, peer, describe(error));
    }

    @Override
    public void onLateResponse(MatchKey key, M response) {
        logger.log(Level.WARNING, "link {0}: late response for key {1} dropped", name, key);
    }

    @Override
    public void onDropped(SocketAddress peer, DropReason reason, MatchKey key, Throwable cause) {
        logger.log(Level.WARNING, "link {0}: dropped message from {1}, key {2}: {3}{4}", name, peer,
                key == null ? "unknown" : key, reason, cause == null ? "" : " (" + describe(cause) + ")");
    }

    @Override
    public void onManagementFailure(NetworkManagement.Step step, Throwable cause) {
        logger.log(Level.WARNING, "link {0}: {1} failed: {2}", name, step, describe(cause));
    }

    private static String describe(Throwable cause) {
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
