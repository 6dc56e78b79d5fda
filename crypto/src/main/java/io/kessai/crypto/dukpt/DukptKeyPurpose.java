package io.kessai.crypto.dukpt;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a DUKPT key is for, in the terms both DUKPT variants share. TDES DUKPT turns each purpose into a
 * variant mask (X9.24-1:2009 Annex A), AES DUKPT into a key-usage code (X9.24-3-2017 table 2); the request /
 * response split follows the moov-io convention recorded in REFERENCE §1.2.
 */
public enum DukptKeyPurpose {
    /** The transaction (derivation) key itself, before any variant or working-key derivation. */
    TRANSACTION("transaction"),
    /** PIN encryption. */
    PIN("pin"),
    /** MAC of the request (reader → center). */
    MAC("mac"),
    /** MAC of the response (center → reader). */
    MAC_RESPONSE("mac-response"),
    /** Data encryption of the request. */
    DATA("data"),
    /** Data encryption of the response. */
    DATA_RESPONSE("data-response");

    private final String cliName;

    DukptKeyPurpose(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line and in key files, e.g. {@code mac-response}. */
    public String cliName() {
        return cliName;
    }

    /**
     * Looks a purpose up by its command-line name (case-insensitive).
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static DukptKeyPurpose fromCliName(String name) {
        if (name != null) {
            String wanted = name.toLowerCase(Locale.ROOT);
            for (DukptKeyPurpose purpose : values()) {
                if (purpose.cliName.equals(wanted)) {
                    return purpose;
                }
            }
        }
        throw new IllegalArgumentException("unknown DUKPT key purpose '" + name + "'; valid: "
                + Arrays.stream(values()).map(DukptKeyPurpose::cliName).collect(Collectors.joining(", ")));
    }
}
