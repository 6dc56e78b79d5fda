package io.kessai.iso8583;

import java.util.Optional;

/**
 * DE 70 (n 3) of 0800/0810 in the Kessai dialect. ISO 8583:1987 leaves the values to the network;
 * these are the common ones (sign-on 001, sign-off 002, key change 101, echo test 301).
 */
public enum NetworkManagementCode {
    SIGN_ON("001"),
    SIGN_OFF("002"),
    /** New zone PIN key in DE 120 (TR-31 key block), its index in DE 53 positions 5–8. */
    KEY_CHANGE("101"),
    ECHO_TEST("301");

    private final String code;

    NetworkManagementCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<NetworkManagementCode> fromCode(String code) {
        for (NetworkManagementCode candidate : values()) {
            if (candidate.code.equals(code)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
