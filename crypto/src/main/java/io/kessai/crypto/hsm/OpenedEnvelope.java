package io.kessai.crypto.hsm;

import io.kessai.card.Hex;
import io.kessai.crypto.envelope.CardSettlementInformation;
import io.kessai.crypto.envelope.KeyScheme;
import javax.security.auth.Destroyable;

/**
 * An envelope whose MAC verified, decrypted. The PIN block inside is still enciphered under the reader's
 * DUKPT PIN key: only {@link Hsm#translatePin} can turn it into something an issuer reads.
 *
 * @param ksn the envelope's key serial number; the reply is sealed under the same one
 */
public record OpenedEnvelope(KeyScheme scheme, byte[] ksn, CardSettlementInformation information) implements Destroyable {

    public OpenedEnvelope {
        ksn = ksn.clone();
    }

    @Override
    public byte[] ksn() {
        return ksn.clone();
    }

    public String ksnHex() {
        return Hex.encode(ksn);
    }

    @Override
    public void destroy() {
        information.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return information.isDestroyed();
    }
}
