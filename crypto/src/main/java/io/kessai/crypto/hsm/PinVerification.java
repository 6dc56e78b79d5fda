package io.kessai.crypto.hsm;

import io.kessai.card.Bytes;
import io.kessai.card.Pan;
import io.kessai.crypto.envelope.EncryptedPinBlock;
import io.kessai.crypto.mac.Macs;
import io.kessai.crypto.pin.PinBlockException;
import io.kessai.crypto.pin.PinBlockFormat;
import io.kessai.crypto.pin.PinBlocks;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The issuer's half of PIN handling, inside the HSM package: decode a block under the zone PIN key and
 * compare it with the stored PIN verification value.
 *
 * <p>The PVV is Kessai's own method, not IBM 3624 or Visa PVV: the first 16 bytes of
 * HMAC-SHA-256(PVK, "KESSAI-PVV1" ‖ PAN digits ‖ 0x00 ‖ PIN digits). It supports 4 to 12 digit PINs and
 * is bound to the PAN, so equal PINs on two cards give unrelated PVVs. See docs/issuer.md.
 */
final class PinVerification {
    static final int PVV_BYTES = 16;
    private static final byte[] LABEL = "KESSAI-PVV1".getBytes(StandardCharsets.US_ASCII);
    private static final byte SEPARATOR = 0;

    private PinVerification() {}

    static byte[] pvv(byte[] pvk, Pan pan, char[] pin) {
        byte[] panBytes = pan.digits().getBytes(StandardCharsets.US_ASCII);
        byte[] pinBytes = new byte[pin.length];
        for (int i = 0; i < pin.length; i++) {
            pinBytes[i] = (byte) pin[i];
        }
        byte[] input = Bytes.concat(LABEL, panBytes, new byte[] {SEPARATOR}, pinBytes);
        byte[] mac = null;
        try {
            mac = Macs.hmacSha256(pvk, input);
            return Arrays.copyOf(mac, PVV_BYTES);
        } finally {
            Bytes.wipe(pinBytes, input, mac);
        }
    }

    /** The clear PIN of a block under a zone PIN key, or null when the block does not decode. */
    static char[] decodeUnderZone(KeyType zpkType, byte[] zpk, EncryptedPinBlock block, Pan pan) {
        byte[] clear = null;
        try {
            return switch (block.format()) {
                case ISO_4 -> zpkType.isAes() ? PinBlocks.decipherIso4(zpk, block.block(), pan.digits()) : null;
                case ISO_0, ISO_3 -> {
                    if (zpkType.isAes()) {
                        yield null;
                    }
                    clear = PinBlocks.decipherTdes(zpk, block.block());
                    yield block.format() == PinBlockFormat.ISO_0
                            ? PinBlocks.decodeIso0(clear, pan.digits())
                            : PinBlocks.decodeIso3(clear, pan.digits());
                }
            };
        } catch (PinBlockException e) {
            return null;
        } finally {
            Bytes.wipe(clear);
        }
    }
}
