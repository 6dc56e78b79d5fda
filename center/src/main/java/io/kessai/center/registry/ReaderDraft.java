package io.kessai.center.registry;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/** A reader as a client sends it; see {@link Reader} for what each field means. */
public record ReaderDraft(String serial, String initialKeyId, String merchantId, String terminalId, String phoneAddress,
        String status, Long version) {
    static final Map<String, ReaderStatus> STATUSES = Map.of("ACTIVE", ReaderStatus.ACTIVE, "DISABLED", ReaderStatus.DISABLED);
    static final int AES_INITIAL_KEY_ID_BYTES = 8;
    static final int TDES_INITIAL_KSN_BYTES = 10;
    /** The TDES KSN's counter is its low 21 bits (X9.24-1); an initial KSN has them all zero. */
    private static final int TDES_COUNTER_MASK_BYTE_7 = 0x1F;

    Reader validate(String pathSerial) throws RegistryException {
        String checkedSerial = pathSerial != null ? FieldRules.keyMatchingPath(pathSerial, serial, "serial")
                : FieldRules.matching(serial, "serial", FieldRules.READER_SERIAL,
                        "1 to 32 letters, digits, '.', '_' or '-' starting with a letter or digit");
        String checkedKeyId = initialKeyId(initialKeyId);
        String checkedMerchant = FieldRules.matching(merchantId, "merchantId", FieldRules.MERCHANT_ID,
                "a merchant ID (1 to 15 letters, digits, '.', '_' or '-')");
        String checkedTerminal = FieldRules.matching(terminalId, "terminalId", FieldRules.TERMINAL_ID,
                "1 to 8 letters, digits, '.', '_' or '-' starting with a letter or digit (DE 41)");
        EmailAddresses.Result address = EmailAddresses.check(FieldRules.required(phoneAddress, "phoneAddress"));
        if (address.problem().isPresent()) {
            throw RegistryException.invalid("phoneAddress", "phoneAddress " + address.problem().get());
        }
        ReaderStatus checkedStatus = FieldRules.oneOf(status, "status", STATUSES);
        FieldRules.expectedVersion(version);
        return new Reader(checkedSerial, checkedKeyId, checkedMerchant, checkedTerminal, address.normalized().orElseThrow(),
                checkedStatus, 1);
    }

    private static String initialKeyId(String value) throws RegistryException {
        String field = "initialKeyId";
        FieldRules.required(value, field);
        boolean hex = FieldRules.HEX.matcher(value).matches();
        int bytes = value.length() / 2;
        if (!hex || value.length() % 2 != 0 || (bytes != AES_INITIAL_KEY_ID_BYTES && bytes != TDES_INITIAL_KSN_BYTES)) {
            throw RegistryException.invalid(field, field + " must be hex: 16 digits (AES DUKPT initial key ID, 8 bytes)"
                    + " or 20 digits (TDES initial KSN, 10 bytes), got " + value.length() + " characters"
                    + (hex ? "" : " with non-hex ones"));
        }
        byte[] id = HexFormat.of().parseHex(value);
        if (bytes == TDES_INITIAL_KSN_BYTES && ((id[7] & TDES_COUNTER_MASK_BYTE_7) != 0 || id[8] != 0 || id[9] != 0)) {
            throw RegistryException.invalid(field, field + " is a TDES KSN whose 21-bit transaction counter is not zero;"
                    + " give the initial KSN (counter 0)");
        }
        return value.toUpperCase(Locale.ROOT);
    }
}
