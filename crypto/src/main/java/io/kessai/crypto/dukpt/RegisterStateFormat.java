package io.kessai.crypto.dukpt;

import java.nio.ByteBuffer;

/**
 * Header of an exported register state: magic "KD" (Kessai DUKPT), format version, variant. Versioned so
 * a reader's key file written today can still be read — or refused with a clear message — after the
 * format changes. The variant-specific part and the registers follow.
 */
final class RegisterStateFormat {
    static final byte VARIANT_AES = 1;
    static final byte VARIANT_TDES = 2;

    private static final byte[] MAGIC = {'K', 'D'};
    private static final byte CURRENT_VERSION = 1;
    private static final int HEADER_BYTES = MAGIC.length + 2;

    private RegisterStateFormat() {}

    /** A buffer of exactly the right size with the header written. */
    static ByteBuffer begin(byte variant, int bodyBytes) {
        return ByteBuffer.allocate(HEADER_BYTES + bodyBytes).put(MAGIC).put(CURRENT_VERSION).put(variant);
    }

    /** Checks the header and returns a buffer positioned on the body. */
    static ByteBuffer open(byte[] state, byte variant, String variantName) throws DukptException {
        if (state == null || state.length < HEADER_BYTES) {
            throw new DukptException(variantName + " register state is missing or shorter than its "
                    + HEADER_BYTES + "-byte header");
        }
        ByteBuffer in = ByteBuffer.wrap(state);
        if (in.get() != MAGIC[0] || in.get() != MAGIC[1]) {
            throw new DukptException("not a Kessai DUKPT register state (bad magic)");
        }
        byte version = in.get();
        if (version != CURRENT_VERSION) {
            throw new DukptException("register state format version " + version
                    + " is not supported (this build reads version " + CURRENT_VERSION + ")");
        }
        byte actualVariant = in.get();
        if (actualVariant != variant) {
            throw new DukptException("register state is for " + variantNameOf(actualVariant) + ", not "
                    + variantName);
        }
        return in;
    }

    private static String variantNameOf(byte variant) {
        return switch (variant) {
            case VARIANT_AES -> AesKsn.LAYOUT.variant();
            case VARIANT_TDES -> TdesKsn.LAYOUT.variant();
            default -> "unknown variant " + variant;
        };
    }
}
