package io.kessai.crypto.pin;

import io.kessai.card.Bytes;
import io.kessai.crypto.cipher.Ciphers;
import io.kessai.crypto.cipher.KeyAlgorithm;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * ISO 9564-1:2017 PIN blocks, formats 0, 3 (TDES, 8 bytes) and 4 (AES, 16 bytes).
 *
 * <p>A clear PIN is a {@code char[]} of digits, wiped by whoever made it; every clear field built here
 * is wiped here. Encoding a bad PIN or PAN is the caller's mistake and throws
 * {@link IllegalArgumentException}; decoding throws only {@link PinBlockException}, after checking every
 * nibble. No message ever contains a PIN digit or block content.
 */
public final class PinBlocks {
    /** Format 0 and 3 block length. */
    public static final int TDES_BLOCK_BYTES = Ciphers.DES_BLOCK_BYTES;
    /** Format 4 block length. */
    public static final int ISO_4_BLOCK_BYTES = Ciphers.AES_BLOCK_BYTES;
    /** Random bytes format 4 puts after its PIN field (§9.4.2.2). */
    public static final int ISO_4_RANDOM_BYTES = 8;
    /** Random bytes {@link #encodeIso3} needs: one for each fill nibble a 4-digit PIN leaves (10). */
    public static final int ISO_3_RANDOM_FILL_BYTES =
            PinField.NIBBLES - PinField.FIRST_DIGIT_NIBBLE - PinField.MIN_PIN_DIGITS;

    private static final int ISO_0_CONTROL = PinBlockFormat.ISO_0.number();
    private static final int ISO_3_CONTROL = PinBlockFormat.ISO_3.number();
    private static final int ISO_4_CONTROL = PinBlockFormat.ISO_4.number();
    private static final int FILL_F = 0xF;
    private static final int FILL_A = 0xA;
    /** Format 3 fill nibbles are A–F: six values. */
    private static final int ISO_3_FILL_CHOICES = 6;

    private PinBlocks() {}

    /** Format 0 clear block: PIN field (control 0, fill F) ⊕ PAN field. */
    public static byte[] encodeIso0(char[] pin, String pan) {
        return encodeIso03(ISO_0_CONTROL, pin, pan, index -> FILL_F);
    }

    /**
     * Format 3 clear block: as format 0 with control 3 and fill nibbles A–F, fill nibble {@code i} being
     * {@code 0xA + randomFill[i] mod 6}. (256 is not a multiple of 6, so A–D come up a trifle more often
     * than E–F; harmless, as the fill only has to vary the block, not hide a secret.)
     *
     * @param randomFill at least {@link #ISO_3_RANDOM_FILL_BYTES} bytes from a secure random source
     */
    public static byte[] encodeIso3(char[] pin, String pan, byte[] randomFill) {
        if (randomFill == null || randomFill.length < ISO_3_RANDOM_FILL_BYTES) {
            throw new IllegalArgumentException("ISO format 3 needs at least " + ISO_3_RANDOM_FILL_BYTES
                    + " random fill bytes, got " + (randomFill == null ? "none" : randomFill.length));
        }
        return encodeIso03(ISO_3_CONTROL, pin, pan,
                index -> FILL_A + Byte.toUnsignedInt(randomFill[index]) % ISO_3_FILL_CHOICES);
    }

    /** The PIN of a format 0 clear block, after checking every nibble. The caller wipes the result. */
    public static char[] decodeIso0(byte[] clearBlock, String pan) throws PinBlockException {
        return decodeIso03(ISO_0_CONTROL, PinField.Fill.F, clearBlock, pan);
    }

    /** The PIN of a format 3 clear block, after checking every nibble. The caller wipes the result. */
    public static char[] decodeIso3(byte[] clearBlock, String pan) throws PinBlockException {
        return decodeIso03(ISO_3_CONTROL, PinField.Fill.A_TO_F, clearBlock, pan);
    }

    /**
     * Format 4 (§9.4.2): PIN field = control 4 ‖ N ‖ PIN ‖ fill A ‖ 8 random bytes; then
     * {@code C = AES_K(AES_K(PIN field) ⊕ PAN field)}.
     *
     * @param random8 exactly {@link #ISO_4_RANDOM_BYTES} bytes from a secure random source
     */
    public static byte[] encipherIso4(byte[] aesKey, char[] pin, String pan, byte[] random8) {
        KeyAlgorithm.AES.requireValidLength(aesKey);
        requirePan(pan, PanField.MIN_PAN_DIGITS_ISO_4);
        if (random8 == null || random8.length != ISO_4_RANDOM_BYTES) {
            throw new IllegalArgumentException("ISO format 4 needs " + ISO_4_RANDOM_BYTES + " random bytes, got "
                    + (random8 == null ? "none" : random8.length));
        }
        byte[] pinDigits = PinField.encode(ISO_4_CONTROL, pin, index -> FILL_A);
        byte[] pinField = Bytes.concat(pinDigits, random8);
        byte[] panField = PanField.iso4(pan);
        byte[] first = null;
        byte[] intermediate = null;
        try {
            first = Ciphers.aesEcbEncrypt(aesKey, pinField);
            intermediate = Bytes.xor(first, panField);
            return Ciphers.aesEcbEncrypt(aesKey, intermediate);
        } finally {
            Bytes.wipe(pinDigits, pinField, panField, first, intermediate);
        }
    }

    /**
     * Reverses {@link #encipherIso4}: {@code PIN field = AES⁻¹_K(AES⁻¹_K(C) ⊕ PAN field)}, then checks every
     * nibble of the PIN part. The caller wipes the result.
     *
     * @throws PinBlockException if the block is not 16 bytes, the PAN is unusable, or the PIN field does
     *     not follow format 4 (typically a wrong key or PAN)
     * @throws IllegalArgumentException if the key is not an AES key (a programming error)
     */
    public static char[] decipherIso4(byte[] aesKey, byte[] block16, String pan) throws PinBlockException {
        KeyAlgorithm.AES.requireValidLength(aesKey);
        requireBlockLength(block16, ISO_4_BLOCK_BYTES, "ISO format 4");
        requirePanForDecode(pan, PanField.MIN_PAN_DIGITS_ISO_4);
        byte[] panField = PanField.iso4(pan);
        byte[] intermediate = null;
        byte[] masked = null;
        byte[] pinField = null;
        try {
            intermediate = Ciphers.aesEcbDecrypt(aesKey, block16);
            masked = Bytes.xor(intermediate, panField);
            pinField = Ciphers.aesEcbDecrypt(aesKey, masked);
            return PinField.decode(pinField, ISO_4_CONTROL, PinField.Fill.A);
        } finally {
            Bytes.wipe(panField, intermediate, masked, pinField);
        }
    }

    /** TDES-ECB of a format 0 or 3 clear block under a PIN key (double or triple length). */
    public static byte[] encipherTdes(byte[] key, byte[] clearBlock8) {
        KeyAlgorithm.TDES.requireValidLength(key);
        if (clearBlock8 == null || clearBlock8.length != TDES_BLOCK_BYTES) {
            throw new IllegalArgumentException("a clear PIN block is " + TDES_BLOCK_BYTES + " bytes, got "
                    + (clearBlock8 == null ? "none" : clearBlock8.length));
        }
        return Ciphers.tdesEcbEncrypt(key, clearBlock8);
    }

    /**
     * The clear format 0 or 3 block inside a TDES-enciphered one; decode it with {@link #decodeIso0} or
     * {@link #decodeIso3}, then wipe it.
     *
     * @throws PinBlockException if the block is not 8 bytes
     */
    public static byte[] decipherTdes(byte[] key, byte[] block8) throws PinBlockException {
        KeyAlgorithm.TDES.requireValidLength(key);
        requireBlockLength(block8, TDES_BLOCK_BYTES, "a TDES");
        return Ciphers.tdesEcbDecrypt(key, block8);
    }

    private static byte[] encodeIso03(int control, char[] pin, String pan, IntUnaryOperator fill) {
        requirePan(pan, PanField.MIN_PAN_DIGITS_ISO_0_3);
        byte[] pinField = PinField.encode(control, pin, fill);
        byte[] panField = PanField.iso03(pan);
        try {
            return Bytes.xor(pinField, panField);
        } finally {
            Bytes.wipe(pinField, panField);
        }
    }

    private static char[] decodeIso03(int control, PinField.Fill fill, byte[] clearBlock, String pan)
            throws PinBlockException {
        requireBlockLength(clearBlock, TDES_BLOCK_BYTES, "ISO format " + control);
        requirePanForDecode(pan, PanField.MIN_PAN_DIGITS_ISO_0_3);
        byte[] panField = PanField.iso03(pan);
        byte[] pinField = Bytes.xor(clearBlock, panField);
        try {
            return PinField.decode(pinField, control, fill);
        } finally {
            Bytes.wipe(panField, pinField);
        }
    }

    private static void requirePan(String pan, int minDigits) {
        Optional<String> problem = PanField.problem(pan, minDigits);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    private static void requirePanForDecode(String pan, int minDigits) throws PinBlockException {
        Optional<String> problem = PanField.problem(pan, minDigits);
        if (problem.isPresent()) {
            throw new PinBlockException(problem.get());
        }
    }

    private static void requireBlockLength(byte[] block, int expected, String format) throws PinBlockException {
        if (block == null || block.length != expected) {
            throw new PinBlockException(format + " PIN block must be " + expected + " bytes, got "
                    + (block == null ? "none" : block.length));
        }
    }
}
