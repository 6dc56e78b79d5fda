package io.kessai.phone;

import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.SealedEnvelope;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The phone's mailbox for sealed envelopes (seed 000 S406–S411, S603–S608): the phone grants a
 * transfer, the reader transfers, the phone checks that what arrived is a whole envelope and confirms,
 * or asks for a re-transfer. It cannot open an envelope (it has no key); it only checks the framing, so
 * a cable glitch is caught at the counter rather than at the center. Bounded: a full outbox refuses.
 */
public final class Outbox {
    public static final int DEFAULT_CAPACITY = 16;

    /** What the phone answers the reader after a transfer. */
    public sealed interface Transfer permits Transfer.Accepted, Transfer.Retransfer {
        record Accepted(SealedEnvelope envelope) implements Transfer {}

        record Retransfer(String reason) implements Transfer {}
    }

    private final int capacity;
    private final Deque<SealedEnvelope> waiting = new ArrayDeque<>();

    public Outbox(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** S406/S603: may the reader transfer now? */
    public synchronized boolean grantTransfer() {
        return waiting.size() < capacity;
    }

    /** S407–S410: the bytes the reader sent; a whole envelope is kept, anything else asks for a re-transfer. */
    public synchronized Transfer receive(byte[] transferred) {
        if (waiting.size() >= capacity) {
            return new Transfer.Retransfer("outbox full (" + capacity + " envelopes waiting)");
        }
        try {
            SealedEnvelope envelope = SealedEnvelope.parseAny(transferred);
            waiting.addLast(envelope);
            return new Transfer.Accepted(envelope);
        } catch (EnvelopeException e) {
            return new Transfer.Retransfer(e.getMessage());
        }
    }

    /** The oldest envelope waiting to be sent (S611). */
    public synchronized Optional<SealedEnvelope> peek() {
        return Optional.ofNullable(waiting.peekFirst());
    }

    /** Removes an envelope once the center has answered it. */
    public synchronized void sent(SealedEnvelope envelope) {
        waiting.remove(envelope);
    }

    public synchronized int size() {
        return waiting.size();
    }
}
