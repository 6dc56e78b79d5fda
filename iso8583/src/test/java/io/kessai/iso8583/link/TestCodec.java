package io.kessai.iso8583.link;

import java.nio.charset.StandardCharsets;

/** Wire form {@code Q|R key '|' body} in ISO-8859-1; anything else is a {@link LinkException}. */
final class TestCodec implements LinkCodec<TestMessage> {
    @Override
    public byte[] encode(TestMessage message) {
        String text = (message.response() ? "R" : "Q") + message.key() + "|" + message.body();
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public TestMessage decode(byte[] frame) throws LinkException {
        String text = new String(frame, StandardCharsets.ISO_8859_1);
        int bar = text.indexOf('|');
        if (text.isEmpty() || (text.charAt(0) != 'Q' && text.charAt(0) != 'R') || bar < 2) {
            throw new LinkException("not a test message: " + frame.length + " bytes");
        }
        return new TestMessage(text.charAt(0) == 'R', text.substring(1, bar), text.substring(bar + 1));
    }

    @Override
    public boolean isResponse(TestMessage message) {
        return message.response();
    }

    @Override
    public MatchKey requestKey(TestMessage request) {
        return new MatchKey(request.key());
    }

    @Override
    public MatchKey responseKey(TestMessage response) {
        return new MatchKey(response.key());
    }
}
