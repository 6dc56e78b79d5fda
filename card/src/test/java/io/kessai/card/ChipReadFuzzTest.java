package io.kessai.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * ChipRead.decode on any bytes: only CardDataException may come out, and a read that succeeds
 * has a PAN and an expiry date and never shows the PAN in toString. Fuzz for real with
 * {@code JAZZER_FUZZ=1 ./mvnw -pl card test -Dtest=ChipReadFuzzTest}.
 */
class ChipReadFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void decode(byte[] input) {
        ChipRead read;
        try {
            read = ChipRead.decode(input);
        } catch (CardDataException expected) {
            return;
        }
        assertThat(read.pan()).isNotNull();
        assertThat(read.expiry()).isNotNull();
        assertThat(read.toString()).doesNotContain(read.pan().digits());
        read.track2Equivalent().ifPresent(track -> assertThat(track.pan()).isEqualTo(read.pan()));
        read.destroy();
    }
}
