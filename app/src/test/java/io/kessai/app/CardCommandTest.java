package io.kessai.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardCommandTest {
    @Test
    void parsesTrack2WithSentinelsAndShowsThePanMasked() {
        CliRun run = CliRun.of("card", "parse", "--track2", ";5350290149345177=16042010000056700100?");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("card-read: track")
                .contains("pan: 535029******5177")
                .contains("expiry: 1604 (expired)")
                .contains("service-code: 201")
                .contains("chip-card: yes")
                .contains("entry-mode: 801 (chip card swiped: fallback)")
                .doesNotContain("5350290149345177");
    }

    @Test
    void parsesTrack1() {
        CliRun run = CliRun.of("card", "parse", "--track1", "B4242424242424242^SMITH JOHN Q^11052011000000000000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("card-read: track1").contains("pan: 424242******4242").contains("name: SMITH JOHN Q")
                .contains("expiry: 1105").doesNotContain("4242424242424242");
    }

    @Test
    void parsesChipDataAndMasksTheSensitiveTags() {
        // 5A PAN, 5F24 expiry 2030-12-31, 9F02 amount 1000, 5F2A JPY
        CliRun run = CliRun.of("card", "parse", "--tlv", "5A084111111111111111" + "5F2403301231" + "9F0206000000001000" + "5F2A020392");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("card-read: chip")
                .contains("pan: 411111******1111")
                .contains("expiry: 3012")
                .contains("entry-mode: 051")
                .containsPattern("tlv: 5A .*= <masked, 8 bytes>")
                .containsPattern("tlv: 9F02 .*= 000000001000")
                .doesNotContain("4111111111111111");
    }

    @Test
    void aBadTrackIsOneLineNamingTheProblemWithoutTheNumber() {
        CliRun run = CliRun.of("card", "parse", "--track2", "4111111111111111=30X2101");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
        assertThat(run.err()).startsWith("kessai card parse: ").doesNotContain("4111111111111111");
    }

    @Test
    void twoSourcesAtOnceAreRefused() {
        CliRun run = CliRun.of("card", "parse", "--track2", "4111111111111111=3012101", "--tlv", "9C0100");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
    }
}
