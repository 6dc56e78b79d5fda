package io.kessai.iso8583.link;

import java.util.concurrent.CompletionStage;

/**
 * Answers the requests a {@link LinkServer} receives. Called on the connection's reader thread, one
 * request at a time per connection, in arrival order: return at once, with a completed stage for
 * quick work or a stage some other thread completes later for slow work. Answers are written as their
 * stages complete, so a slow request does not hold back a quick one (responses out of order).
 *
 * <p>What the stage completes with decides what the peer sees:
 * <ul>
 *   <li>a message: it is encoded and sent;</li>
 *   <li>null: nothing is sent (fault injection: a dropped request);</li>
 *   <li>an exception, or the handler throws or returns null: nothing is sent and
 *       {@link DropReason#HANDLER_FAILED} is reported (a real host would answer 96 instead).</li>
 * </ul>
 * Each request holds one of the connection's in-flight slots until its answer is written (or the
 * handler timeout passes); with every slot taken the server stops reading from that connection.
 * A delay is a stage completed later; closing the connection or writing garbage go through {@link Peer}.
 *
 * @param <M> the message type
 */
@FunctionalInterface
public interface LinkHandler<M> {
    CompletionStage<M> handle(M request, Peer peer);
}
