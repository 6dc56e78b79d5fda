package io.kessai.crypto.pin;

/** The ISO 9564-1:2017 PIN block formats Kessai handles, by their format number (the control nibble). */
public enum PinBlockFormat {
    /** Format 0 (ANSI X9.8, VISA-1): TDES, PIN ⊕ PAN, fill F. */
    ISO_0(0),
    /** Format 3: as format 0 with random fill A–F. */
    ISO_3(3),
    /** Format 4: AES, 16-byte block, PIN and PAN fields enciphered in two steps. */
    ISO_4(4);

    private final int number;

    PinBlockFormat(int number) {
        this.number = number;
    }

    /** The format number, which is also the block's control nibble. */
    public int number() {
        return number;
    }

    /**
     * @throws IllegalArgumentException for formats Kessai does not handle (1, 2 and anything else)
     */
    public static PinBlockFormat fromNumber(int number) {
        for (PinBlockFormat format : values()) {
            if (format.number == number) {
                return format;
            }
        }
        throw new IllegalArgumentException(
                "PIN block format " + number + " is not supported; Kessai handles ISO formats 0, 3 and 4");
    }
}
