package io.kessai.issuer.decision;

import io.kessai.crypto.hsm.Hsm;
import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.IsoFormatException;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.Mti;
import io.kessai.iso8583.NetworkManagementCode;
import io.kessai.issuer.fault.Fault;
import io.kessai.issuer.fault.FaultPlan;
import io.kessai.issuer.keys.PanIndex;
import io.kessai.issuer.ledger.Ledger;
import io.kessai.issuer.store.JournalFailedException;
import io.kessai.issuer.store.JournalWriter;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer host's core, between the link and the store: reads a request, decides it under one lock
 * (decisions take microseconds; the lock keeps the ledger and the journal order simple), applies the
 * decision to the ledger, queues its journal entry, and returns a future that completes with the
 * answer only once the journal has committed that entry and everything before it.
 *
 * <p>Thread-safe: call {@link #handle} from any number of connections.
 */
public final class IssuerEngine {
    private static final Logger LOG = LoggerFactory.getLogger(IssuerEngine.class);
    private static final int MESSAGE_FUNCTION = 2;

    private final Object decisionLock = new Object();
    private final Ledger ledger;
    private final JournalWriter journal;
    private final FaultPlan faults;
    private final RequestParser parser;
    private final Authorizer authorizer;

    /**
     * @param hsm holds the zone PIN key {@code zonePinKeyName} and the PIN verification key
     *     {@code pinVerificationKeyName}
     * @param clock "today" for expiry checks
     */
    public IssuerEngine(Ledger ledger, Hsm hsm, String zonePinKeyName, String pinVerificationKeyName, PanIndex panIndex,
            JournalWriter journal, FaultPlan faults, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.parser = new RequestParser(panIndex);
        this.authorizer = new Authorizer(ledger, hsm, zonePinKeyName, pinVerificationKeyName, clock);
    }

    /**
     * Decides one message from the peer. The future completes with the reply (possibly with no answer
     * in it) when it may go out; it fails only when the journal has failed, and then nothing is sent.
     */
    public CompletableFuture<Reply> handle(IsoMessage request) {
        String mti = request.mti();
        if (!Mti.expectsResponse(mti)) {
            return done(Decision.ignored(() -> mti + " is not a request: ignored"));
        }
        try {
            return switch (messageType(mti)) {
                case "010" -> journaled(card(request, false));
                case "020" -> journaled(card(request, true));
                case "022" -> journaled(followUp(request, true));
                case "040", "042" -> journaled(followUp(request, false));
                case "080" -> done(networkManagement(request));
                default -> done(Decision.immediate(Authorizer.answer(request, Answer.INVALID_TRANSACTION.code(), null),
                        () -> mti + " is not a message type this issuer handles -> 12"));
            };
        } catch (FormatError e) {
            return done(Decision.immediate(Authorizer.answer(request, Answer.FORMAT_ERROR.code(), null),
                    () -> mti + " format error: " + e.getMessage() + " -> 30"));
        }
    }

    /** Version, class and function digits: 0100 and its repeat 0101 are both "010". */
    private static String messageType(String mti) {
        return mti.substring(0, MESSAGE_FUNCTION + 1);
    }

    private Supplier<Decision> card(IsoMessage request, boolean financial) throws FormatError {
        CardRequest parsed = parser.card(request, financial);
        return () -> authorizer.authorize(parsed);
    }

    private Supplier<Decision> followUp(IsoMessage request, boolean completion) throws FormatError {
        FollowUpRequest parsed = parser.followUp(request, completion);
        return () -> authorizer.followUp(parsed);
    }

    private Decision networkManagement(IsoMessage request) {
        if (!request.hasField(DataElement.NETWORK_MANAGEMENT_CODE)) {
            return Decision.immediate(Authorizer.answer(request, Answer.FORMAT_ERROR.code(), null),
                    () -> request.mti() + " without DE 70 -> 30");
        }
        String code = request.get(DataElement.NETWORK_MANAGEMENT_CODE);
        Answer answer = NetworkManagementCode.fromCode(code)
                .filter(known -> known != NetworkManagementCode.KEY_CHANGE)
                .map(known -> Answer.APPROVED)
                .orElse(Answer.INVALID_TRANSACTION);
        return Decision.immediate(Authorizer.answer(request, answer.code(), null),
                () -> request.mti() + " network management " + code + " -> " + answer.code());
    }

    private CompletableFuture<Reply> journaled(Supplier<Decision> decide) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        synchronized (decisionLock) {
            Decision decision = decide.get();
            if (decision.entry() != null) {
                ledger.apply(decision.entry());
            }
            Reply ready = reply(decision, faults.choose(decision.cardFault()));
            try {
                journal.submit(decision.entry(), new JournalWriter.Waiter() {
                    @Override
                    public void committed() {
                        reply.complete(ready);
                    }

                    @Override
                    public void lost(JournalFailedException failure) {
                        reply.completeExceptionally(failure);
                    }
                });
            } catch (JournalFailedException e) {
                reply.completeExceptionally(e); // nothing is answered: the entry may never reach the disk
            }
        }
        return reply;
    }

    private static CompletableFuture<Reply> done(Decision decision) {
        return CompletableFuture.completedFuture(reply(decision, null));
    }

    private static Reply reply(Decision decision, Fault fault) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("{}", decision.summary().get());
        }
        IsoMessage response = decision.response();
        if (response == null) {
            return new Reply(null, null, fault, decision.summary());
        }
        try {
            return new Reply(response, response.encode(), fault, decision.summary());
        } catch (IsoFormatException e) {
            // Answers are built from decoded requests, so this is a bug: say so, and answer nothing.
            LOG.error("answer to {} does not encode: {}", decision.summary().get(), e.getMessage());
            return new Reply(null, null, fault, decision.summary());
        }
    }

    /** Runs {@code action} under the decision lock: for loading accounts while links are up. */
    public void underDecisionLock(Runnable action) {
        synchronized (decisionLock) {
            action.run();
        }
    }

    public Ledger ledger() {
        return ledger;
    }
}
