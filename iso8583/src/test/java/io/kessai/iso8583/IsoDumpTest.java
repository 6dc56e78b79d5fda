package io.kessai.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.card.Hex;
import org.junit.jupiter.api.Test;

class IsoDumpTest {
    private static final Dialect KESSAI = Dialects.kessai();

    @Test
    void dumps_one_line_per_field_with_format_and_masked_pan() {
        IsoMessage message = KESSAI.newMessage("0100").set(2, "4111111111111111").amountMinor(12_800);

        assertThat(IsoDump.of(message)).isEqualTo("""
                <0100> dialect kessai
                <0100> DE 2 [LLVAR n..19] 411111******1111
                <0100> DE 4 [n 12] 000000012800""");
        assertThat(message.toString()).isEqualTo(IsoDump.of(message));
    }

    @Test
    void hides_tracks_pin_blocks_and_keys_showing_only_their_length() {
        IsoMessage message = ExampleMessages.authorizationRequest(KESSAI)
                .set(45, "B4111111111111111^SMITH/JOHN^28122011234500000");

        String dump = IsoDump.of(message);

        assertThat(dump).contains("<0100> DE 35 [LLVAR z..37] (hidden, 34 characters)")
                .contains("<0100> DE 45 [LLVAR ans..76] (hidden, 46 characters)")
                .contains("<0100> DE 52 [b 8] (hidden, 8 bytes)")
                .contains("<0100> DE 53 [n 16] (hidden, 16 characters)")
                .doesNotContain("4111111111111111")
                .doesNotContain("SMITH")
                .doesNotContain("1B9C1845EB993A7A")
                .doesNotContain("0001000100000000");
    }

    @Test
    void shows_icc_tags_and_only_the_values_of_harmless_known_tags() {
        IsoMessage message = KESSAI.newMessage("0100").set(55, Hex.decode(
                "9F270180" + "5A084111111111111111" + "5F200A534D4954482F4A4F484E" + "DF01021234"));

        assertThat(IsoDump.of(message)).endsWith(
                "DE 55 [LLLVAR b..255] (32 bytes) 9F27=80 5A=(8 bytes) 5F20=(10 bytes) DF01=(2 bytes)");
    }

    @Test
    void malformed_icc_data_shows_its_length_only() {
        IsoMessage message = KESSAI.newMessage("0100").set(55, Hex.decode("9F2608C2C1"));

        assertThat(IsoDump.of(message)).endsWith("DE 55 [LLLVAR b..255] (5 bytes) not BER-TLV");
    }

    @Test
    void sensitivity_is_data_of_the_dialect() {
        Dialect secretive = Dialect.builder("secretive").copyOf(KESSAI)
                .replace(KESSAI.field(48).withSensitivity(Sensitivity.SECRET))
                .replace(KESSAI.field(42).withSensitivity(Sensitivity.PAN))
                .build();
        IsoMessage message = secretive.newMessage("0100").set(48, "0102610202").set(42, "KESSAI000000001");

        assertThat(IsoDump.of(message)).isEqualTo("""
                <0100> dialect secretive
                <0100> DE 42 [ans 15] KESSAI*****0001
                <0100> DE 48 [LLLVAR ans..999] (hidden, 10 characters)""");
    }

    @Test
    void a_pan_too_short_to_keep_both_ends_is_masked_whole() {
        IsoMessage message = KESSAI.newMessage("0100").set(2, "4111111111");

        assertThat(IsoDump.of(message)).endsWith("DE 2 [LLVAR n..19] **********");
    }

    @Test
    void no_example_dump_shows_card_data() {
        for (BitmapEncoding encoding : BitmapEncoding.values()) {
            for (IsoMessage message : ExampleMessages.all(Dialects.kessai(encoding)).values()) {
                assertThat(IsoDump.of(message)).doesNotContain("4111111111111111").doesNotContain("5350290149345177")
                        .doesNotContain("=2812").doesNotContain("1B9C1845EB993A7A").doesNotContain("D0112P0AE00E0000");
            }
        }
    }
}
