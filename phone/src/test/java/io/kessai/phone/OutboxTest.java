package io.kessai.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.card.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Seed 000 S406–S411: the phone keeps whole envelopes and asks for a re-transfer of anything else. */
class OutboxTest {
    /** A structurally whole AES envelope (the phone checks framing only: it has no key). */
    static final byte[] ENVELOPE = Hex.decode("4B4501010C" + "123456789012345600000001" + "0010"
            + "00112233445566778899AABBCCDDEEFF" + "FFEEDDCCBBAA99887766554433221100");

    @Test
    void aWholeEnvelopeIsKeptUntilSent() {
        Outbox outbox = new Outbox(2);
        assertThat(outbox.grantTransfer()).isTrue();
        Outbox.Transfer transfer = outbox.receive(ENVELOPE);
        assertThat(transfer).isInstanceOf(Outbox.Transfer.Accepted.class);
        assertThat(outbox.peek()).isPresent();
        outbox.sent(((Outbox.Transfer.Accepted) transfer).envelope());
        assertThat(outbox.size()).isZero();
    }

    @Test
    void aDamagedTransferAsksForAnother() {
        Outbox outbox = new Outbox(2);
        Outbox.Transfer cut = outbox.receive(Arrays.copyOf(ENVELOPE, ENVELOPE.length - 3));
        assertThat(cut).isInstanceOfSatisfying(Outbox.Transfer.Retransfer.class,
                r -> assertThat(r.reason()).contains("MAC needs 16 bytes, only 13 left"));
        assertThat(outbox.size()).isZero();
    }

    @Test
    void aFullOutboxRefusesPolitely() {
        Outbox outbox = new Outbox(1);
        outbox.receive(ENVELOPE);
        assertThat(outbox.grantTransfer()).isFalse();
        assertThat(outbox.receive(ENVELOPE)).isInstanceOfSatisfying(Outbox.Transfer.Retransfer.class,
                r -> assertThat(r.reason()).isEqualTo("outbox full (1 envelopes waiting)"));
    }
}
