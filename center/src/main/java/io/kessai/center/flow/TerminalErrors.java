package io.kessai.center.flow;

import io.kessai.crypto.envelope.EnvelopeException;

/** Envelope refusals as terminal API errors: one stable code per reason. */
final class TerminalErrors {
    private TerminalErrors() {}

    static TerminalException of(EnvelopeException e) {
        TerminalException.Code code = switch (e.reason()) {
            case MALFORMED -> TerminalException.Code.ENVELOPE_MALFORMED;
            case UNSUPPORTED -> TerminalException.Code.ENVELOPE_UNSUPPORTED;
            case UNKNOWN_KEY -> TerminalException.Code.ENVELOPE_UNKNOWN_KEY;
            case BAD_KSN -> TerminalException.Code.ENVELOPE_BAD_KSN;
            case MAC_MISMATCH -> TerminalException.Code.ENVELOPE_MAC_MISMATCH;
            case REPLAYED_KSN -> TerminalException.Code.KSN_REPLAYED;
            case BAD_CONTENT, LEDGER_FAILURE -> TerminalException.Code.ENVELOPE_BAD_CONTENT;
        };
        return new TerminalException(code, e.getMessage());
    }
}
