package io.kessai.crypto.envelope;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kessai.crypto.hsm.TestReaders;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whatever bytes arrive, parsing and opening an envelope or a result ends in a result or an
 * {@link EnvelopeException}: never another exception. Regression mode in ./mvnw verify replays the
 * seeds in EnvelopeFuzzTestInputs/; fuzz for real with
 * {@code JAZZER_FUZZ=1 ./mvnw -pl crypto test -Dtest=EnvelopeFuzzTest}.
 */
class EnvelopeFuzzTest {
    private static final AtomicReference<TestReaders> READERS = new AtomicReference<>();

    private static TestReaders readers() throws Exception {
        if (READERS.get() == null) {
            READERS.compareAndSet(null, new TestReaders(KeyScheme.AES128_DUKPT));
        }
        return READERS.get();
    }

    @FuzzTest(maxDuration = "10s")
    void parseAndOpen(byte[] input) throws Exception {
        try {
            readers().hsm.openEnvelope(SealedEnvelope.parseAny(input));
        } catch (EnvelopeException expected) {
            // the only acceptable way to refuse
        }
        try {
            SealedResult.parseAny(input);
        } catch (EnvelopeException expected) {
            // same for results
        }
    }

    @FuzzTest(maxDuration = "10s")
    void decodeContent(byte[] plaintext) {
        try {
            SettlementCodec.decode(plaintext).destroy();
        } catch (EnvelopeException expected) {
            // only this
        }
        try {
            ResultCodec.decode(plaintext);
        } catch (EnvelopeException expected) {
            // only this
        }
    }
}
