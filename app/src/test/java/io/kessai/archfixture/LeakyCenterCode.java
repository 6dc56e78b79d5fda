package io.kessai.archfixture;

import io.kessai.crypto.pin.PinBlocks;

/** Deliberately breaks the HSM boundary, so the boundary test can prove it would catch real code doing so. */
final class LeakyCenterCode {
    char[] peek(byte[] block, String pan) throws Exception {
        return PinBlocks.decodeIso0(block, pan);
    }
}
