package io.kessai.iso8583.link.iso;

import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.Dialect;
import io.kessai.iso8583.IsoFormatException;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.Mti;
import io.kessai.iso8583.link.LinkCodec;
import io.kessai.iso8583.link.LinkException;
import io.kessai.iso8583.link.MatchKey;
import java.util.Objects;

/**
 * {@link LinkCodec} for {@link IsoMessage}s of one {@link Dialect}.
 *
 * <p>Match key (REFERENCE §4.5): the STAN (DE 11) is unique per terminal (DE 41) per transmission
 * time (DE 7) <em>for one message class</em>, so the key is the request's MTI, DE 11, DE 41 and DE 7.
 * A response carries its request's MTI plus 10 (0100 → 0110, 0220 → 0230, 0800 → 0810), so its key
 * takes the MTI back down; a repeat (0221) is keyed like its original (0220), which is what its answer
 * (0230) names. A 0130 therefore never completes an 0100. Numeric parts are compared without leading
 * zeros and DE 41 without trailing spaces, as the encoder pads them. DE 11 is required; DE 41 and
 * DE 7 count as empty when absent (a host's 0800 may have no terminal).
 */
public final class IsoLinkCodec implements LinkCodec<IsoMessage> {
    private static final int FUNCTION_POSITION = 2;
    private static final int ORIGIN_POSITION = 3;
    /** Origin digit bit that marks a repeat: 1 acquirer repeat, 3 issuer repeat. */
    private static final int REPEAT_BIT = 1;
    private static final String ABSENT = "";

    private final Dialect dialect;

    public IsoLinkCodec(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    @Override
    public byte[] encode(IsoMessage message) throws LinkException {
        try {
            return message.encode();
        } catch (IsoFormatException invalid) {
            throw new LinkException("cannot encode " + message.mti() + ": " + invalid.getMessage(), invalid);
        }
    }

    @Override
    public IsoMessage decode(byte[] frame) throws LinkException {
        try {
            return dialect.decode(frame);
        } catch (IsoFormatException invalid) {
            throw new LinkException("cannot decode a " + frame.length + "-byte message: " + invalid.getMessage(), invalid);
        }
    }

    @Override
    public boolean isResponse(IsoMessage message) {
        String mti = message.mti();
        if (!Mti.isValid(mti)) {
            return false;
        }
        char function = mti.charAt(FUNCTION_POSITION);
        return function == '1' || function == '3';
    }

    @Override
    public MatchKey requestKey(IsoMessage request) throws LinkException {
        String mti = request.mti();
        if (!Mti.expectsResponse(mti)) {
            throw new LinkException("MTI " + mti + " is not a request or an advice: nothing answers it");
        }
        return key(request, withoutRepeat(mti.toCharArray()));
    }

    @Override
    public MatchKey responseKey(IsoMessage response) throws LinkException {
        if (!isResponse(response)) {
            throw new LinkException("MTI " + response.mti() + " is not a response");
        }
        char[] digits = response.mti().toCharArray();
        digits[FUNCTION_POSITION]--;
        return key(response, withoutRepeat(digits));
    }

    private static String withoutRepeat(char[] mtiDigits) {
        mtiDigits[ORIGIN_POSITION] = (char) ('0' + ((mtiDigits[ORIGIN_POSITION] - '0') & ~REPEAT_BIT));
        return new String(mtiDigits);
    }

    private static MatchKey key(IsoMessage message, String requestMti) throws LinkException {
        if (!message.hasField(DataElement.STAN)) {
            throw new LinkException(message.mti() + " has no DE 11 (STAN): it cannot be matched");
        }
        return MatchKey.of(requestMti,
                withoutLeadingZeros(message.get(DataElement.STAN)),
                message.hasField(DataElement.TERMINAL_ID) ? message.get(DataElement.TERMINAL_ID).stripTrailing() : ABSENT,
                message.hasField(DataElement.TRANSMISSION_DATE_TIME)
                        ? withoutLeadingZeros(message.get(DataElement.TRANSMISSION_DATE_TIME)) : ABSENT);
    }

    private static String withoutLeadingZeros(String digits) {
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        return digits.substring(first);
    }
}
