package io.kessai.iso8583;

/**
 * How much of a field's value may be shown to a person (logs, the console, error messages).
 *
 * <p>A property of the field definition, so a dialect says once which of its fields hold card data
 * or key material, and {@link IsoDump} and the codec's error messages follow it (PCI DSS 3.3, 3.4).
 */
public enum Sensitivity {
    /** Shown as is. */
    NONE,
    /** A primary account number: first 6 and last 4 digits at most, the rest masked. */
    PAN,
    /** Track data, PIN blocks, keys: only the length is shown. */
    SECRET,
    /** EMV BER-TLV: tags and the values of non-sensitive tags; track-equivalent, PAN, name hidden. */
    ICC_DATA
}
