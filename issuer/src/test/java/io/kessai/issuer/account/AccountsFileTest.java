package io.kessai.issuer.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.issuer.fault.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsFileTest {
    static final String GOOD_PAN = "4111111111111111";
    static final String HEADER = "pan,expiry,status,kind,limit_minor,currency,issuer_code,pin,fault";

    @TempDir Path dir;

    Path file(String... lines) throws Exception {
        Path file = dir.resolve("accounts.csv");
        Files.write(file, List.of(lines));
        return file;
    }

    @Test
    void readsEveryColumnInAnyOrderWithCommentsAndBlankLines() throws Exception {
        Path file = file(
                "# test cards",
                "issuer_code, pan ,expiry,kind,status,limit_minor,currency,fault,pin",
                "",
                "ACME," + GOOD_PAN + ",2812,debit,active,50000,JPY,delay:250,1234",
                "ACME,5500000000000004,2901,credit,lost,0,392,,");
        List<AccountLine> accounts = AccountsFile.read(file);
        assertThat(accounts).hasSize(2);
        AccountLine first = accounts.get(0);
        assertThat(first.lineNumber()).isEqualTo(4);
        assertThat(first.pan().digits()).isEqualTo(GOOD_PAN);
        assertThat(first.expiry().yymm()).isEqualTo("2812");
        assertThat(first.kind()).isEqualTo(AccountKind.DEBIT);
        assertThat(first.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(first.limitMinor()).isEqualTo(50_000);
        assertThat(first.currency()).isEqualTo("392");
        assertThat(first.fault()).isEqualTo(Fault.delay(250));
        assertThat(first.pin()).containsExactly('1', '2', '3', '4');
        assertThat(first.toString()).doesNotContain(GOOD_PAN).contains("411111******1111");
        AccountLine second = accounts.get(1);
        assertThat(second.pin()).isNull();
        assertThat(second.fault()).isNull();
        assertThat(second.status()).isEqualTo(AccountStatus.LOST);
    }

    @Test
    void optionalColumnsMayBeLeftOut() throws Exception {
        List<AccountLine> accounts = AccountsFile.read(file("pan,expiry,status,kind,limit_minor,currency,issuer_code",
                GOOD_PAN + ",2812,active,credit,100,392,A"));
        assertThat(accounts.get(0).pin()).isNull();
        assertThat(accounts.get(0).fault()).isNull();
    }

    @Test
    void aBadLuhnIsNamedByFileLineAndColumnWithTheCardMasked() throws Exception {
        Path file = file(HEADER, "4111111111111112,2812,active,credit,100,392,A,,");
        assertThatThrownBy(() -> AccountsFile.read(file))
                .isInstanceOf(AccountsFileException.class)
                .hasMessageStartingWith(file + " line 2, column 1 (pan): ")
                .hasMessageContaining("Luhn")
                .hasMessageNotContaining("4111111111111112");
    }

    @Test
    void eachBadCellIsNamed() throws Exception {
        assertError(GOOD_PAN + ",2813,active,credit,100,392,A,,", "line 2, column 2 (expiry)");
        assertError(GOOD_PAN + ",2812,gone,credit,100,392,A,,", "line 2, column 3 (status): 'gone' is not active, lost, stolen or blocked");
        assertError(GOOD_PAN + ",2812,active,gold,100,392,A,,", "line 2, column 4 (kind): 'gold' is not credit or debit");
        assertError(GOOD_PAN + ",2812,active,credit,10.5,392,A,,", "line 2, column 5 (limit_minor): '10.5' is not a whole number");
        assertError(GOOD_PAN + ",2812,active,credit,-1,392,A,,", "line 2, column 5 (limit_minor)");
        assertError(GOOD_PAN + ",2812,active,credit,100,XYZ,A,,", "line 2, column 6 (currency): 'XYZ' is not an ISO 4217 currency");
        assertError(GOOD_PAN + ",2812,active,credit,100,392,A B,,", "line 2, column 7 (issuer_code)");
        assertError(GOOD_PAN + ",2812,active,credit,100,392,A,12a4,", "line 2, column 8 (pin): a PIN must be 4 to 12 digits");
        assertError(GOOD_PAN + ",2812,active,credit,100,392,A,,explode", "line 2, column 9 (fault): fault 'explode' is not one of");
        assertError(GOOD_PAN + ",2812,active,credit,100,392,A,", "line 2: 8 columns, the header has 9");
    }

    @Test
    void aPinIsNeverQuotedInAnError() throws Exception {
        Path file = file(HEADER, GOOD_PAN + ",2812,active,credit,100,392,A,98765x,");
        // The message starts with the file's path, a random temporary directory that may hold any digits
        // (it once held 98765): only what follows the path is the error's own text.
        assertThatThrownBy(() -> AccountsFile.read(file))
                .hasMessageStartingWith(file.toString())
                .satisfies(e -> assertThat(e.getMessage().substring(file.toString().length())).doesNotContain("98765"));
    }

    @Test
    void aCardTwiceIsRefusedNamingTheFirstLine() throws Exception {
        Path file = file(HEADER, GOOD_PAN + ",2812,active,credit,100,392,A,,", GOOD_PAN + ",2812,active,credit,100,392,A,,");
        assertThatThrownBy(() -> AccountsFile.read(file))
                .hasMessageContaining("line 3, column 1 (pan): card 411111******1111 is already on line 2")
                .hasMessageNotContaining(GOOD_PAN);
    }

    @Test
    void headerProblemsAreNamed() throws Exception {
        assertThatThrownBy(() -> AccountsFile.read(file("pan,expiry,status,kind,limit_minor,currency")))
                .hasMessageContaining("line 1: header lacks the column 'issuer_code'");
        assertThatThrownBy(() -> AccountsFile.read(file("pan,expiry,status,kind,limit_minor,currency,issuer_code,colour")))
                .hasMessageContaining("line 1, column 8: unknown column 'colour'");
        assertThatThrownBy(() -> AccountsFile.read(file("# nothing")))
                .hasMessageContaining("no header line");
        assertThatThrownBy(() -> AccountsFile.read(dir.resolve("missing.csv")))
                .hasMessageContaining("cannot read accounts file");
    }

    private void assertError(String line, String expected) throws Exception {
        Path file = file(HEADER, line);
        assertThatThrownBy(() -> AccountsFile.read(file))
                .isInstanceOf(AccountsFileException.class)
                .hasMessageContaining(file + " " + expected);
    }
}
