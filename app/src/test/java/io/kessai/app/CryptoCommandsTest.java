package io.kessai.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The published vectors of REFERENCE §1 and §2, through the command line. */
class CryptoCommandsTest {
    private static final String AES_BDK = "FEDCBA9876543210F1F1F1F1F1F1F1F1";
    private static final String TDES_BDK = "0123456789ABCDEFFEDCBA9876543210";

    @ParameterizedTest
    @CsvSource({
        // X9.24-3-2017 B.1 (AES-128): transaction keys and working keys of counter 1
        AES_BDK + ",123456789012345600000001,transaction,4F21B565BAD9835E112B6465635EAE44",
        AES_BDK + ",123456789012345600000002,transaction,2F34D68DE10F68D38091A73B9E7C437C",
        AES_BDK + ",123456789012345600000001,pin,AF8CB133A78F8DC2D1359F18527593FB",
        AES_BDK + ",123456789012345600000001,mac,A2DC23DE6FDE0824A2BC321E08E4B8B7",
        AES_BDK + ",123456789012345600000001,data,A35C412EFD41FDB98B69797C02DCD08F",
        AES_BDK + ",123456789012345600000001,mac-response,DBB463945B286C07CD3AD82EE96FD9C9",
        AES_BDK + ",123456789012345600000001,data-response,16292C6EA8F64C5420A0584BFBC577BE",
        // X9.24-1-2009 A.4 (TDES)
        TDES_BDK + ",FFFF9876543210E00001,transaction,042666B49184CFA368DE9628D0397BC9",
        TDES_BDK + ",FFFF9876543210E00001,pin,042666B49184CF5C68DE9628D0397B36",
        TDES_BDK + ",FFFF9876543210E00001,data,448D3F076D8304036A55A3D7E0055A78",
        TDES_BDK + ",FFFF9876543210F00000,transaction,AA4D58DB653EC74A48C75F2F047DD2B5",
    })
    void dukptDerivePrintsThePublishedKey(String bdk, String ksn, String kind, String expected) {
        CliRun run = CliRun.of("dukpt", "derive", "--bdk", bdk, "--ksn", ksn, "--key", kind);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(expected + System.lineSeparator());
    }

    @Test
    void dukptDeriveDefaultsToTheTransactionKey() {
        assertThat(CliRun.of("dukpt", "derive", "--bdk", AES_BDK, "--ksn", "123456789012345600000003").line())
                .isEqualTo("031504E530365CF81264238540518318");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--ksn|123456789012345600001|--ksn: hex has an odd number of digits (21)",
        "--ksn|1234567890123456000001|--ksn: must be 10 or 12 bytes of hex, got 11",
        "--ksn|12345678901234560001FFFF|17 one-bits",
        "--ksn|123456789012345600000000|counter",
        "--key|secret|--key: unknown DUKPT key purpose 'secret'",
        "--bdk|FEDCBA98|--bdk: must be 16, 24 or 32 bytes of hex, got 4",
    })
    void badDukptArgumentsGetOneLineAndExitCode2(String option, String value, String expected) {
        String bdk = option.equals("--bdk") ? value : AES_BDK;
        String ksn = option.equals("--ksn") ? value : "123456789012345600000001";
        String key = option.equals("--key") ? value : "transaction";
        CliRun run = CliRun.of("dukpt", "derive", "--bdk", bdk, "--ksn", ksn, "--key", key);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(expected).startsWith("kessai dukpt derive: ");
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void aMissingOptionIsNamed() {
        CliRun run = CliRun.of("dukpt", "derive", "--bdk", AES_BDK);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--ksn=HEX'");
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({
        "1234,4012345678909,041274EDCBA9876F",
        "1234,5555555551234567,041261AAAAEDCBA9",
        "123456789,5555555551234567,091261032D8DCBA9",
        "123456789012,5555555551234567,0C1261032D8226A9",
        "1234,4987654321098765,041242ABCDEF6789",
    })
    void pinblockFormat0MatchesTheVectors(String pin, String pan, String block) {
        assertThat(CliRun.of("pinblock", "encode", "--format", "0", "--pin", pin, "--pan", pan).line()).isEqualTo(block);
        assertThat(CliRun.of("pinblock", "decode", "--format", "0", "--block", block, "--pan", pan).line()).isEqualTo(pin);
    }

    @Test
    void pinblockFormat0EncipheredUnderTheDukptPinKey() {
        // X9.24-1 A.4 counter 1: the clear block 041274EDCBA9876F under the PIN variant → 1B9C1845EB993A7A
        CliRun run = CliRun.of("pinblock", "encode", "--format", "0", "--pin", "1234", "--pan", "4012345678909",
                "--key", "042666B49184CF5C68DE9628D0397B36");
        assertThat(run.line()).isEqualTo("1B9C1845EB993A7A");
        assertThat(CliRun.of("pinblock", "decode", "--format", "0", "--block", "1B9C1845EB993A7A", "--pan", "4012345678909",
                "--key", "042666B49184CF5C68DE9628D0397B36").line()).isEqualTo("1234");
    }

    @ParameterizedTest
    @CsvSource({
        "AF8CB133A78F8DC2D1359F18527593FB,A912150391AB65A67E52883D81CE2D15",
        "D30BDC73EC9714B000BEC66BDB7B6D09,52A00503BD34BA1383F6A7EE9FE2547F",
        "7D69F01F3B45449F62C7816ECE723268,A5A27E82B43A9A866A93D7ABE89CEF93",
    })
    void pinblockFormat4MatchesTheX924Supplement(String key, String block) {
        CliRun run = CliRun.of("pinblock", "encode", "--format", "4", "--pin", "1234", "--pan", "4111111111111111",
                "--key", key, "--random", "2F69ADDE2E9E7ACE");
        assertThat(run.line()).isEqualTo(block);
        assertThat(CliRun.of("pinblock", "decode", "--format", "4", "--block", block, "--pan", "4111111111111111", "--key", key)
                .line()).isEqualTo("1234");
    }

    @Test
    void pinblockFormat3RoundTripsAndStartsWithItsControlNibble() {
        String block = CliRun.of("pinblock", "encode", "--format", "3", "--pin", "1234", "--pan", "5555555551234567").line();
        assertThat(block).startsWith("341261");
        assertThat(CliRun.of("pinblock", "decode", "--format", "3", "--block", block, "--pan", "5555555551234567").line())
                .isEqualTo("1234");
        // Fixed fill bytes 00..05 pick A..F: 341261 then the PAN-masked fill, repeatable.
        String fixed = CliRun.of("pinblock", "encode", "--format", "3", "--pin", "1234", "--pan", "5555555551234567",
                "--random", "00010203040500010203").line();
        assertThat(fixed).isEqualTo(CliRun.of("pinblock", "encode", "--format", "3", "--pin", "1234", "--pan", "5555555551234567",
                "--random", "00010203040500010203").line()).startsWith("341261");
    }

    @Test
    void pinblockRefusalsAreOneLineWithoutDigits() {
        CliRun noKey = CliRun.of("pinblock", "encode", "--format", "4", "--pin", "1234", "--pan", "4111111111111111");
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("--key: format 4 is only defined enciphered");

        CliRun badFormat = CliRun.of("pinblock", "encode", "--format", "2", "--pin", "1234", "--pan", "4111111111111111");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format: must be 0, 3 or 4, got 2");

        CliRun badBlock = CliRun.of("pinblock", "decode", "--format", "0", "--block", "141274EDCBA9876F", "--pan", "4012345678909");
        assertThat(badBlock.exitCode()).isEqualTo(2);
        assertThat(badBlock.err()).doesNotContain("141274EDCBA9876F").doesNotContain("1234");
        assertThat(badBlock.err().strip().lines().count()).isEqualTo(1);

        CliRun letters = CliRun.of("pinblock", "encode", "--format", "0", "--pin", "12a4", "--pan", "4012345678909");
        assertThat(letters.exitCode()).isEqualTo(2);
        assertThat(letters.err()).contains("--pin: must be digits only");
    }
}
