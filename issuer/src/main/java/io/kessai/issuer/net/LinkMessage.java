package io.kessai.issuer.net;

import io.kessai.iso8583.IsoMessage;

/**
 * What travels between the link and the issuer: a message, or what could be made of a frame that did
 * not decode. The link server hands the issuer only what its codec returns, so an undecodable frame
 * must still become something the handler can answer 30 (when its MTI could be read) or close on.
 *
 * @param message the message; for an undecodable frame with a readable MTI, an empty message of that
 *     MTI; null when not even the MTI could be read
 * @param wire an answer's bytes, encoded ahead by the engine (null: encode {@code message})
 * @param undecodable why the frame did not decode (no message contents), or null
 */
public record LinkMessage(IsoMessage message, byte[] wire, String undecodable) {

    public static LinkMessage answer(IsoMessage message, byte[] wire) {
        return new LinkMessage(message, wire, null);
    }

    public boolean decoded() {
        return undecodable == null;
    }

    @Override
    public String toString() {
        return message == null ? "LinkMessage[no MTI: " + undecodable + "]" : "LinkMessage[" + message.mti() + "]";
    }
}
