package io.kessai.issuer;

import io.kessai.iso8583.Dialects;
import io.kessai.iso8583.IsoFormatException;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.link.LinkCodec;
import io.kessai.iso8583.link.LinkException;
import io.kessai.iso8583.link.MatchKey;
import io.kessai.iso8583.link.iso.IsoLinkCodec;

/**
 * {@link IsoLinkCodec} whose decode copies the frame: the link zeroes a frame once decoded, and the
 * codec's plain {@code Dialect.decode(byte[])} keeps slices of it, so a response read after the reader
 * moved on would be zeros. (Reported to the link's authors; harmless once their codec copies.)
 */
final class CopyingIsoLinkCodec implements LinkCodec<IsoMessage> {
    private final IsoLinkCodec delegate = new IsoLinkCodec(Dialects.kessai());

    @Override
    public byte[] encode(IsoMessage message) throws LinkException {
        return delegate.encode(message);
    }

    @Override
    public IsoMessage decode(byte[] frame) throws LinkException {
        try {
            return Dialects.kessai().decode(frame, 0, frame.length);
        } catch (IsoFormatException e) {
            throw new LinkException("cannot decode a " + frame.length + "-byte message: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isResponse(IsoMessage message) {
        return delegate.isResponse(message);
    }

    @Override
    public MatchKey requestKey(IsoMessage request) throws LinkException {
        return delegate.requestKey(request);
    }

    @Override
    public MatchKey responseKey(IsoMessage response) throws LinkException {
        return delegate.responseKey(response);
    }
}
