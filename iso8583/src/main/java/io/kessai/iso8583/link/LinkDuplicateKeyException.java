package io.kessai.iso8583.link;

import java.util.Objects;

/**
 * A request was refused because its key would be ambiguous: a request with the same key is still in
 * flight, or one timed out (or lost its connection) recently and its late response may still arrive.
 * Nothing was sent.
 */
public final class LinkDuplicateKeyException extends LinkException {
    private final transient MatchKey key;

    public LinkDuplicateKeyException(MatchKey key, String why) {
        super("key " + Objects.requireNonNull(key, "key") + " refused: " + why, null, false);
        this.key = key;
    }

    public MatchKey key() {
        return key;
    }
}
