package io.kessai.iso8583.kessai;

import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.IsoFormatException;
import io.kessai.iso8583.IsoMessage;
import java.util.Objects;

/**
 * DE 53 (security related control information, n 16) in the Kessai dialect:
 *
 * <pre>
 *   1–2   PIN block format, ISO 9564 number: 00, 03 (DE 52) or 04 (DE 110)
 *   3–4   zone PIN key cipher: 01 TDES, 02 AES
 *   5–8   zone PIN key index, 0000–9999 (set by the last 0800 key change, DE 70 = 101)
 *   9–16  zeros, reserved
 * </pre>
 *
 * <p>No DUKPT KSN travels toward the issuer: the center's HSM translates the reader's DUKPT-encrypted
 * PIN block to the issuer's zone PIN key, so the issuer needs only which of its zone keys was used
 * and the block format. In an 0800 key change the same layout names the new key's format, cipher
 * and index.
 */
public record SecurityControl(PinBlockFormat pinBlockFormat, int zonePinKeyIndex) {
    public static final int MAX_KEY_INDEX = 9_999;
    static final int LENGTH = 16;
    private static final int CODE_DIGITS = 2;
    private static final int KEY_INDEX_DIGITS = 4;
    private static final int KEY_INDEX_AT = 2 * CODE_DIGITS;
    private static final int RESERVED_AT = KEY_INDEX_AT + KEY_INDEX_DIGITS;
    private static final String RESERVED = "0".repeat(LENGTH - RESERVED_AT);
    private static final String CONTEXT = "DE " + DataElement.SECURITY_CONTROL;
    private static final int DECIMAL_BASE = 10;

    public SecurityControl {
        Objects.requireNonNull(pinBlockFormat, "pinBlockFormat");
        if (zonePinKeyIndex < 0 || zonePinKeyIndex > MAX_KEY_INDEX) {
            throw new IllegalArgumentException("zone PIN key index must be 0.." + MAX_KEY_INDEX);
        }
    }

    public PinEncryption encryption() {
        return pinBlockFormat.encryption();
    }

    /** The 16 digits of DE 53. */
    public String format() {
        String index = Integer.toString(zonePinKeyIndex);
        return pinBlockFormat.code() + encryption().code() + "0".repeat(KEY_INDEX_DIGITS - index.length()) + index
                + RESERVED;
    }

    /**
     * Reads DE 53's text. Messages do not quote the value: it is masked in dumps, so errors are too.
     *
     * @throws IsoFormatException for a wrong length, unknown codes, a cipher that does not go with the
     *     format, or non-zero reserved digits
     */
    public static SecurityControl parse(String de53) throws IsoFormatException {
        if (de53.length() != LENGTH) {
            throw new IsoFormatException(CONTEXT + ": " + de53.length() + " characters, needs " + LENGTH);
        }
        PinBlockFormat format = PinBlockFormat.fromCode(de53.substring(0, CODE_DIGITS));
        if (format == null) {
            throw new IsoFormatException(CONTEXT + ": positions 1-2 are not a PIN block format Kessai knows (00, 03, 04)");
        }
        PinEncryption encryption = PinEncryption.fromCode(de53.substring(CODE_DIGITS, KEY_INDEX_AT));
        if (encryption != format.encryption()) {
            throw new IsoFormatException(CONTEXT + ": positions 3-4 must be " + format.encryption().code() + " ("
                    + format.encryption() + ") for PIN block format " + format.code());
        }
        int index = 0;
        for (int i = KEY_INDEX_AT; i < RESERVED_AT; i++) {
            int digit = de53.charAt(i) - '0';
            if (digit < 0 || digit >= DECIMAL_BASE) {
                throw new IsoFormatException(CONTEXT + ": zone PIN key index (positions 5-8) is not 4 digits");
            }
            index = index * DECIMAL_BASE + digit;
        }
        if (!de53.startsWith(RESERVED, RESERVED_AT)) {
            throw new IsoFormatException(CONTEXT + ": reserved positions 9-16 must be zeros");
        }
        return new SecurityControl(format, index);
    }

    /** Reads the message's DE 53. */
    public static SecurityControl from(IsoMessage message) throws IsoFormatException {
        if (!message.hasField(DataElement.SECURITY_CONTROL)) {
            throw new IsoFormatException(CONTEXT + " is absent");
        }
        return parse(message.get(DataElement.SECURITY_CONTROL));
    }

    /**
     * Puts the encrypted PIN block where its format travels (DE 52 or DE 110) and this control in
     * DE 53; removes a block from the other carrier. The message takes the array (see
     * {@link IsoMessage#set(int, byte[])}).
     *
     * @throws IllegalArgumentException if the block is not 8 (formats 0, 3) or 16 (format 4) bytes
     */
    public void attach(IsoMessage message, byte[] encryptedPinBlock) {
        if (encryptedPinBlock.length != pinBlockFormat.blockBytes()) {
            throw new IllegalArgumentException("a format " + pinBlockFormat.code() + " PIN block has "
                    + pinBlockFormat.blockBytes() + " bytes, not " + encryptedPinBlock.length);
        }
        int otherCarrier = pinBlockFormat.carrierField() == DataElement.PIN_DATA
                ? DataElement.PIN_DATA_AES : DataElement.PIN_DATA;
        message.remove(otherCarrier);
        message.set(pinBlockFormat.carrierField(), encryptedPinBlock);
        message.set(DataElement.SECURITY_CONTROL, format());
    }

    /**
     * A copy of the encrypted PIN block from the field this control's format names.
     *
     * @throws IsoFormatException if that field is absent or has the wrong size
     */
    public byte[] pinBlockFrom(IsoMessage message) throws IsoFormatException {
        int carrier = pinBlockFormat.carrierField();
        byte[] block = message.getBytes(carrier);
        if (block == null) {
            throw new IsoFormatException("DE " + carrier + " is absent but DE 53 says PIN block format "
                    + pinBlockFormat.code());
        }
        if (block.length != pinBlockFormat.blockBytes()) {
            int length = block.length;
            java.util.Arrays.fill(block, (byte) 0);
            throw new IsoFormatException("DE " + carrier + ": " + length + " bytes, a format "
                    + pinBlockFormat.code() + " PIN block has " + pinBlockFormat.blockBytes());
        }
        return block;
    }
}
