/**
 * Card data: PAN, expiry date, service code, magnetic-stripe tracks (ISO/IEC 7813), card reads
 * (swipe, chip, manual entry); EMV BER-TLV lives in {@code io.kessai.card.tlv}.
 *
 * <p>Every parser throws only {@link io.kessai.card.CardDataException} for bad input, and no
 * {@code toString()} or exception message of this package shows a full PAN, a track, discretionary
 * data or a card verification code (DESIGN.md, "Card data").
 */
package io.kessai.card;
