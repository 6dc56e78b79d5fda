/**
 * EMV BER-TLV: tags, data objects, the decoder and encoder ({@link io.kessai.card.tlv.BerTlv}) and
 * the dictionary of tags ISO 8583 DE 55 carries ({@link io.kessai.card.tlv.EmvTags}). Decoding
 * throws only {@link io.kessai.card.CardDataException}; values of sensitive tags never appear in
 * {@code toString()} or in messages.
 */
package io.kessai.card.tlv;
