package io.kessai.crypto.hsm;

import io.kessai.card.Bytes;
import io.kessai.card.Pan;
import io.kessai.crypto.dukpt.DukptKeyPurpose;
import io.kessai.crypto.envelope.DukptSession;
import io.kessai.crypto.envelope.EncryptedPinBlock;
import io.kessai.crypto.pin.PinBlockException;
import io.kessai.crypto.pin.PinBlockFormat;
import io.kessai.crypto.pin.PinBlocks;

/**
 * The two halves of a PIN translation, inside the HSM package so that no other code can call them:
 * PIN block under the reader's DUKPT PIN key → clear PIN → PIN block under a zone PIN key.
 *
 * <p>Formats (ISO 9564-1, PCI PIN): an AES DUKPT reader sends format 4; a TDES DUKPT reader sends
 * format 0 or 3. Toward the issuer: format 0 under a TDES ZPK, format 4 under an AES ZPK. Formats 0
 * and 3 are PAN-bound, so the PAN here must be the card's.
 */
final class PinTranslation {
    private PinTranslation() {}

    static char[] decodeFromReader(DukptSession session, EncryptedPinBlock fromReader, Pan pan) throws HsmException {
        byte[] pinKey = session.key(DukptKeyPurpose.PIN);
        byte[] clearBlock = null;
        try {
            if (session.scheme().isAes()) {
                if (fromReader.format() != PinBlockFormat.ISO_4) {
                    throw new HsmException("an AES DUKPT reader must send ISO format 4 PIN blocks, got " + fromReader.format());
                }
                return PinBlocks.decipherIso4(pinKey, fromReader.block(), pan.digits());
            }
            clearBlock = PinBlocks.decipherTdes(pinKey, fromReader.block());
            return switch (fromReader.format()) {
                case ISO_0 -> PinBlocks.decodeIso0(clearBlock, pan.digits());
                case ISO_3 -> PinBlocks.decodeIso3(clearBlock, pan.digits());
                case ISO_4 -> throw new HsmException("a TDES DUKPT reader cannot send ISO format 4 PIN blocks");
            };
        } catch (PinBlockException e) {
            // Wrong key, wrong PAN or a garbled block: the message names the check, never the digits.
            throw new HsmException("the reader's PIN block does not decode: " + e.getMessage(), e);
        } finally {
            Bytes.wipe(pinKey, clearBlock);
        }
    }

    static EncryptedPinBlock encodeForZone(KeyType zpkType, byte[] zpk, char[] pin, Pan pan, byte[] random) {
        if (zpkType.isAes()) {
            return new EncryptedPinBlock(PinBlockFormat.ISO_4, PinBlocks.encipherIso4(zpk, pin, pan.digits(), random));
        }
        byte[] clearBlock = PinBlocks.encodeIso0(pin, pan.digits());
        try {
            return new EncryptedPinBlock(PinBlockFormat.ISO_0, PinBlocks.encipherTdes(zpk, clearBlock));
        } finally {
            Bytes.wipe(clearBlock);
        }
    }
}
