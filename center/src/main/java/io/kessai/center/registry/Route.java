package io.kessai.center.registry;

import java.util.Objects;

/**
 * Cards whose PAN starts with {@code binPrefix} (6 or 8 digits) go to {@code issuerId}; an 8-digit
 * route beats a 6-digit one it falls under.
 */
public record Route(String binPrefix, String issuerId, long version) {
    public Route {
        Objects.requireNonNull(binPrefix, "binPrefix");
        Objects.requireNonNull(issuerId, "issuerId");
        assert binPrefix.length() == 6 || binPrefix.length() == 8 : "BIN prefix " + binPrefix.length() + " digits";
        assert version >= 1 : "stored versions start at 1";
    }

    /** The same route at another stored version. */
    public Route withVersion(long newVersion) {
        return new Route(binPrefix, issuerId, newVersion);
    }
}
