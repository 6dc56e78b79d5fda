package io.kessai.bench;

import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.crypto.dukpt.AesDukpt;
import io.kessai.crypto.dukpt.AesDukptRegister;
import io.kessai.crypto.dukpt.AesKsn;
import io.kessai.crypto.envelope.CardSettlementInformation;
import io.kessai.crypto.envelope.DukptSession;
import io.kessai.crypto.envelope.DukptSessions;
import io.kessai.crypto.envelope.EnvelopeCrypto;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.envelope.SettlementCodec;
import io.kessai.crypto.hsm.OpenedEnvelope;
import io.kessai.crypto.hsm.ReaderKeyMaterial;
import io.kessai.crypto.hsm.SoftwareHsm;
import java.time.LocalDateTime;
import java.util.Currency;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The center's first step for every envelope: find the BDK, derive the transaction key for the KSN
 * (one AES derivation per one-bit of the counter), derive the MAC and data keys, verify the CMAC,
 * decrypt and parse. The counter has 16 one-bits, the most AES DUKPT allows: the worst case.
 * Target (foundation issue): at most 5 µs per envelope on the 2-core reference machine.
 *
 * <p>The HSM remembers each reader's derivation path (docs/adr/0012). {@code openEnvelopeCold} forgets
 * it before every open: the first envelope of a reader after a restart, every derivation from the BDK.
 * {@code openEnvelopeWarm} opens one reader's envelopes in counter order, as they arrive in service,
 * all counters with 12 to 16 one-bits.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class EnvelopeOpenBenchmark {
    /** 16 one-bits: 0xFFFF0000. */
    static final long WORST_CASE_COUNTER = 0xFFFF_0000L;

    /** Consecutive counters from 0xFFF00000 (12 one-bits) on: 12 to 16 one-bits each. */
    static final long WARM_FIRST_COUNTER = 0xFFF0_0000L;
    static final int WARM_ENVELOPES = 4096;

    SoftwareHsm hsm;
    SealedEnvelope envelope;
    SealedEnvelope[] inCounterOrder;
    int nextWarm;
    byte[] initialKey;
    AesKsn ksn;

    @Setup(Level.Trial)
    public void seal() throws Exception {
        hsm = SoftwareHsm.inMemory();
        hsm.generateBdk("bdk", KeyScheme.AES128_DUKPT);
        ReaderKeyMaterial material = hsm.injectReader("bdk", "R-BENCH");
        initialKey = material.initialKey().clone();
        AesDukptRegister register = AesDukptRegister.startingAt(material.initialKey(), material.initialKeyId(), WORST_CASE_COUNTER);
        material.destroy();
        try (DukptSession session = DukptSessions.of(register.next(), KeyScheme.AES128_DUKPT)) {
            envelope = EnvelopeCrypto.seal(session, SettlementCodec.encode(information(1)));
        }
        inCounterOrder = new SealedEnvelope[WARM_ENVELOPES];
        AesDukptRegister sequential = AesDukptRegister.startingAt(initialKey, AesKsn.parse(envelope.ksn()).initialKeyId(), WARM_FIRST_COUNTER);
        for (int i = 0; i < WARM_ENVELOPES; i++) {
            try (DukptSession session = DukptSessions.of(sequential.next(), KeyScheme.AES128_DUKPT)) {
                inCounterOrder[i] = EnvelopeCrypto.seal(session, SettlementCodec.encode(information(i + 1)));
            }
        }
        ksn = AesKsn.parse(envelope.ksn());
        if (Long.bitCount(ksn.counter()) != 16) {
            throw new IllegalStateException("benchmark must use a 16-one-bit counter, got " + ksn.hex());
        }
    }

    private static CardSettlementInformation information(long sequence) throws Exception {
        return new CardSettlementInformation(
                TrackRead.of(Track2.parse("4111111111111111=30121010000012345678"), Optional.empty()),
                1000, Currency.getInstance("JPY"), Optional.empty(), "M-000000000001", "T0000001", "R-BENCH",
                LocalDateTime.of(2026, 11, 21, 10, 0), sequence);
    }

    /** Host side in full, first envelope of a reader: initial key, 16 derivations, MAC verify, decrypt, parse. */
    @Benchmark
    public OpenedEnvelope openEnvelopeCold() throws Exception {
        hsm.forgetDerivedKeys();
        OpenedEnvelope opened = hsm.openEnvelope(envelope);
        opened.destroy();
        return opened;
    }

    /** Host side in full, in service: the reader's next counter, derived from the remembered path. */
    @Benchmark
    public OpenedEnvelope openEnvelopeWarm() throws Exception {
        OpenedEnvelope opened = hsm.openEnvelope(inCounterOrder[nextWarm]);
        nextWarm = (nextWarm + 1) % WARM_ENVELOPES;
        opened.destroy();
        return opened;
    }

    /** The derivation alone: initial key → transaction key for the 16-one-bit counter. */
    @Benchmark
    public byte[] deriveTransactionKey() {
        return AesDukpt.transactionKey(initialKey, ksn);
    }
}
