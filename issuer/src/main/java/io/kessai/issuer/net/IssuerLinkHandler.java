package io.kessai.issuer.net;

import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.IsoFormatException;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.link.LinkHandler;
import io.kessai.iso8583.link.Peer;
import io.kessai.issuer.decision.IssuerEngine;
import io.kessai.issuer.decision.Reply;
import io.kessai.issuer.fault.Fault;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the link server to the engine: hands each request over, wipes it once decided (it may
 * hold a track and a PIN block), and sends the answer when the engine releases it, with the fault
 * the plan put on it. An undecodable frame with a readable MTI is answered 30 (with no other field:
 * none could be read); one without is answered by closing the connection, since the stream cannot be
 * trusted any more.
 */
final class IssuerLinkHandler implements LinkHandler<LinkMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(IssuerLinkHandler.class);
    /** Not ISO 8583: the first bytes are not an MTI, so any decoder fails on them at once. */
    private static final byte[] GARBAGE = "\u0000GARBAGE\u00ff not an ISO 8583 message".getBytes(StandardCharsets.ISO_8859_1);

    private final IssuerEngine engine;
    private final ScheduledExecutorService delays;

    IssuerLinkHandler(IssuerEngine engine, ScheduledExecutorService delays) {
        this.engine = engine;
        this.delays = delays;
    }

    @Override
    public CompletionStage<LinkMessage> handle(LinkMessage request, Peer peer) {
        IsoMessage message = request.message();
        if (message == null) {
            LOG.warn("frame from {} is not ISO 8583 ({}): connection closed", peer.remoteAddress(), request.undecodable());
            peer.close();
            return CompletableFuture.completedFuture(null);
        }
        if (!request.decoded()) {
            LOG.info("{} from {} does not decode ({}): answered 30", message.mti(), peer.remoteAddress(),
                    request.undecodable());
            return CompletableFuture.completedFuture(formatError(message));
        }
        CompletableFuture<Reply> decided;
        try {
            decided = engine.handle(message);
        } finally {
            message.wipe(); // decided (the answer is a new message): the track and PIN block go now
        }
        CompletableFuture<LinkMessage> answer = new CompletableFuture<>();
        decided.whenComplete((reply, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                deliver(reply, peer, answer);
            }
        });
        return answer;
    }

    private void deliver(Reply reply, Peer peer, CompletableFuture<LinkMessage> answer) {
        if (reply.response() == null) {
            answer.complete(null);
            return;
        }
        LinkMessage message = LinkMessage.answer(reply.response(), reply.wire());
        Fault fault = reply.fault();
        if (fault == null) {
            answer.complete(message);
            return;
        }
        LOG.info("fault {} on {}", fault, reply.summary().get());
        switch (fault.kind()) {
            case DELAY -> delays.schedule(() -> answer.complete(message), fault.delayMillis(), TimeUnit.MILLISECONDS);
            case DROP -> answer.complete(null);
            case CLOSE -> {
                peer.close();
                answer.complete(null);
            }
            case GARBAGE -> {
                peer.writeFrame(GARBAGE);
                answer.complete(null);
            }
        }
    }

    private static LinkMessage formatError(IsoMessage shell) {
        IsoMessage response = shell.createResponse();
        response.set(DataElement.RESPONSE_CODE, "30");
        try {
            return LinkMessage.answer(response, response.encode());
        } catch (IsoFormatException e) {
            LOG.error("format-error answer does not encode: {}", e.getMessage());
            return null;
        }
    }
}
