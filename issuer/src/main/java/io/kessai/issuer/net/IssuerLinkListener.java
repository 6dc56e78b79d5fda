package io.kessai.issuer.net;

import io.kessai.iso8583.link.DropReason;
import io.kessai.iso8583.link.LinkException;
import io.kessai.iso8583.link.LinkListener;
import io.kessai.iso8583.link.MatchKey;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link's events in the issuer's log (SLF4J). The link reports keys, addresses and reasons only,
 * never message contents, so nothing here can leak card data. Faults the host injects on purpose
 * (a drop is an answer completed with nothing) are not reported by the link as drops.
 */
final class IssuerLinkListener implements LinkListener<LinkMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(IssuerLinkListener.class);

    @Override
    public void onConnected(SocketAddress peer) {
        LOG.info("connection from {}", peer);
    }

    @Override
    public void onDisconnected(SocketAddress peer, Throwable cause) {
        if (cause == null) {
            LOG.info("connection from {} closed", peer);
        } else {
            LOG.info("connection from {} closed: {}", peer, cause.getMessage());
        }
    }

    @Override
    public void onConnectionRefused(SocketAddress peer, String reason) {
        LOG.warn("connection from {} refused: {}", peer, reason);
    }

    @Override
    public void onConnectFailed(String target, Throwable cause) {
        LOG.warn("{} failed: {}", target, cause.getMessage());
    }

    @Override
    public void onProtocolError(SocketAddress peer, LinkException error) {
        LOG.warn("protocol error from {}: {}", peer, error.getMessage());
    }

    @Override
    public void onDropped(SocketAddress peer, DropReason reason, MatchKey key, Throwable cause) {
        LOG.warn("message from {} key {} dropped: {}{}", peer, key == null ? "unknown" : key, reason,
                cause == null ? "" : " (" + cause.getMessage() + ")");
    }
}
