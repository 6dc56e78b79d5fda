package io.kessai.issuer.net;

import io.kessai.iso8583.Dialect;
import io.kessai.iso8583.IsoFormatException;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.Mti;
import io.kessai.iso8583.link.LinkCodec;
import io.kessai.iso8583.link.LinkException;
import io.kessai.iso8583.link.MatchKey;
import io.kessai.iso8583.link.iso.IsoLinkCodec;
import java.nio.charset.StandardCharsets;

/**
 * The link codec of the issuer host: {@link IsoLinkCodec} for everything that decodes; a frame that
 * does not decode becomes a {@link LinkMessage} with its MTI (if its first four bytes are one) and the
 * reason, instead of being dropped by the link, so the host can answer it 30. Answers the engine has
 * already encoded are sent as they are.
 */
final class IssuerLinkCodec implements LinkCodec<LinkMessage> {
    private static final int MTI_LENGTH = 4;

    private final Dialect dialect;
    private final IsoLinkCodec iso;

    IssuerLinkCodec(Dialect dialect) {
        this.dialect = dialect;
        this.iso = new IsoLinkCodec(dialect);
    }

    @Override
    public byte[] encode(LinkMessage message) throws LinkException {
        return message.wire() != null ? message.wire() : iso.encode(message.message());
    }

    @Override
    public LinkMessage decode(byte[] frame) {
        try {
            // The copying decode: the link zeroes the frame once this returns, and the request is read after.
            return new LinkMessage(dialect.decode(frame, 0, frame.length), null, null);
        } catch (IsoFormatException invalid) {
            String mti = readableMti(frame);
            IsoMessage shell = mti == null ? null : dialect.newMessage(mti);
            return new LinkMessage(shell, null, invalid.getMessage());
        }
    }

    /** The frame's first four bytes if they are an MTI that expects an answer (ASCII, as the dialect writes it). */
    private static String readableMti(byte[] frame) {
        if (frame.length < MTI_LENGTH) {
            return null;
        }
        String mti = new String(frame, 0, MTI_LENGTH, StandardCharsets.ISO_8859_1);
        return Mti.expectsResponse(mti) ? mti : null;
    }

    @Override
    public boolean isResponse(LinkMessage message) {
        return message.message() != null && message.decoded() && iso.isResponse(message.message());
    }

    @Override
    public MatchKey requestKey(LinkMessage request) throws LinkException {
        if (request.message() == null || !request.decoded()) {
            throw new LinkException("an undecodable frame has no key");
        }
        return iso.requestKey(request.message());
    }

    @Override
    public MatchKey responseKey(LinkMessage response) throws LinkException {
        if (response.message() == null) {
            throw new LinkException("an undecodable frame has no key");
        }
        return iso.responseKey(response.message());
    }
}
