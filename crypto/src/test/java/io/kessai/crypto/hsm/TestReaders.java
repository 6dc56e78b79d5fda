package io.kessai.crypto.hsm;

import io.kessai.card.CardDataException;
import io.kessai.card.CardRead;
import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.crypto.dukpt.AesDukptRegister;
import io.kessai.crypto.dukpt.DukptException;
import io.kessai.crypto.dukpt.TdesDukptRegister;
import io.kessai.crypto.envelope.CardSettlementInformation;
import io.kessai.crypto.envelope.DukptSession;
import io.kessai.crypto.envelope.DukptSessions;
import io.kessai.crypto.envelope.EncryptedPinBlock;
import io.kessai.crypto.envelope.KeyScheme;
import java.time.LocalDateTime;
import java.util.Currency;
import java.util.Optional;

/** A software HSM with one BDK and a reader injected from it, as tests need them. */
public final class TestReaders {
    public static final String TRACK2 = "4111111111111111=30121010000012345678";
    public static final Currency JPY = Currency.getInstance("JPY");
    public static final LocalDateTime LOCAL_TIME = LocalDateTime.of(2026, 11, 21, 10, 15, 30);

    public final SoftwareHsm hsm = SoftwareHsm.inMemory();
    public final KeyScheme scheme;
    private final AesDukptRegister aes;
    private final TdesDukptRegister tdes;

    public TestReaders(KeyScheme scheme) throws Exception {
        this.scheme = scheme;
        hsm.generateBdk("bdk", scheme);
        ReaderKeyMaterial material = hsm.injectReader("bdk", "R-0001");
        try {
            aes = scheme.isAes() ? AesDukptRegister.load(material.initialKey(), material.initialKeyId()) : null;
            tdes = scheme.isAes() ? null : TdesDukptRegister.load(material.initialKey(), material.initialKeyId());
        } finally {
            material.destroy();
        }
    }

    /** The reader's next transaction. */
    public DukptSession next() throws DukptException {
        return scheme.isAes() ? DukptSessions.of(aes.next(), scheme) : DukptSessions.of(tdes.next());
    }

    public static CardRead trackRead() throws CardDataException {
        return TrackRead.of(Track2.parse(TRACK2), Optional.empty());
    }

    public static CardSettlementInformation information(CardRead card, long amountMinor, Optional<EncryptedPinBlock> pin) {
        return new CardSettlementInformation(card, amountMinor, JPY, pin, "M-000000000001", "T0000001", "R-0001", LOCAL_TIME, 1);
    }
}
