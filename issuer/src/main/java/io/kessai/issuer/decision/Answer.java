package io.kessai.issuer.decision;

/**
 * The DE 39 codes the issuer host answers with. Kessai's {@code ResponseCode} (iso8583 module) has no
 * 41, 43 or 62, which a card company needs for lost, stolen and blocked cards, so the issuer keeps its
 * own list; the codes are the ISO 8583:1987 ones (REFERENCE.md §4.4) and every other peer reads them.
 */
public enum Answer {
    APPROVED("00"),
    /** A late original of a transaction that was already reversed. */
    DO_NOT_HONOUR("05"),
    /** Processing code or currency the card does not do; a completion without an open hold. */
    INVALID_TRANSACTION("12"),
    /** Zero amount, or a completion above its hold. */
    INVALID_AMOUNT("13"),
    NO_SUCH_CARD("14"),
    FORMAT_ERROR("30"),
    LOST_CARD("41"),
    STOLEN_CARD("43"),
    INSUFFICIENT_FUNDS("51"),
    EXPIRED_CARD("54"),
    /** Wrong PIN, no PIN on a debit card, or a PIN for a card that has none. */
    INCORRECT_PIN("55"),
    /** A card the card company blocked. */
    RESTRICTED_CARD("62"),
    /** The third wrong PIN in a row, and every PIN transaction after it. */
    PIN_TRIES_EXCEEDED("75"),
    /**
     * The answer to an account verification (a zero-amount 0100): the card is good, nothing is held. ISO
     * 8583:1987 "no reason to decline", as card networks answer account status inquiries.
     */
    NO_REASON_TO_DECLINE("85"),
    DUPLICATE_TRANSMISSION("94"),
    /** The HSM refused (no zone PIN key), or the open-hold table is full. */
    SYSTEM_MALFUNCTION("96");

    private final String code;

    Answer(String code) {
        this.code = code;
    }

    /** The two characters of DE 39. */
    public String code() {
        return code;
    }
}
