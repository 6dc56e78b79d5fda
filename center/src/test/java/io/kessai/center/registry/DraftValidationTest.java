package io.kessai.center.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.crypto.envelope.PaymentOutcome;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule of every draft: the code and the field it names. */
class DraftValidationTest {
    @FunctionalInterface
    interface Validation {
        Object run() throws RegistryException;
    }

    static Arguments refused(String what, Validation validation, String code, String field) {
        return Arguments.of(what, validation, code, field);
    }

    static Stream<Arguments> refusals() {
        String id = "M1";
        return Stream.of(
                refused("merchant without id", () -> new MerchantDraft(null, "n", "5411", "ACTIVE", null).validate(null), "missing_field", "id"),
                refused("merchant id too long", () -> Drafts.merchant("M123456789012345").validate(null), "invalid_field", "id"),
                refused("merchant id with a space", () -> Drafts.merchant("M 1").validate(null), "invalid_field", "id"),
                refused("merchant id differs from URL", () -> Drafts.merchant("M2").validate(id), "invalid_field", "id"),
                refused("merchant without name", () -> new MerchantDraft(id, null, "5411", "ACTIVE", null).validate(null), "missing_field", "name"),
                refused("merchant blank name", () -> new MerchantDraft(id, "  ", "5411", "ACTIVE", null).validate(null), "invalid_field", "name"),
                refused("merchant name too long", () -> new MerchantDraft(id, "x".repeat(101), "5411", "ACTIVE", null).validate(null), "invalid_field", "name"),
                refused("merchant name with a line break", () -> new MerchantDraft(id, "a\nb", "5411", "ACTIVE", null).validate(null), "invalid_field", "name"),
                refused("merchant mcc of 3 digits", () -> new MerchantDraft(id, "n", "541", "ACTIVE", null).validate(null), "invalid_field", "mcc"),
                refused("merchant mcc with a letter", () -> new MerchantDraft(id, "n", "54a1", "ACTIVE", null).validate(null), "invalid_field", "mcc"),
                refused("merchant without mcc", () -> new MerchantDraft(id, "n", null, "ACTIVE", null).validate(null), "missing_field", "mcc"),
                refused("merchant unknown status", () -> new MerchantDraft(id, "n", "5411", "active", null).validate(null), "invalid_field", "status"),
                refused("merchant without status", () -> new MerchantDraft(id, "n", "5411", null, null).validate(null), "missing_field", "status"),
                refused("merchant version 0", () -> new MerchantDraft(id, "n", "5411", "ACTIVE", 0L).validate(null), "invalid_field", "version"),

                refused("reader without serial", () -> Drafts.reader(null, "1234567800000001", id, "T1").validate(null), "missing_field", "serial"),
                refused("reader serial too long", () -> Drafts.reader("R".repeat(33), "1234567800000001", id, "T1").validate(null), "invalid_field", "serial"),
                refused("reader serial differs from URL", () -> Drafts.reader("R2", "1234567800000001", id, "T1").validate("R1"), "invalid_field", "serial"),
                refused("reader without key ID", () -> Drafts.reader("R1", null, id, "T1").validate(null), "missing_field", "initialKeyId"),
                refused("reader key ID not hex", () -> Drafts.reader("R1", "123456780000000G", id, "T1").validate(null), "invalid_field", "initialKeyId"),
                refused("reader key ID 9 bytes", () -> Drafts.reader("R1", "123456780000000100", id, "T1").validate(null), "invalid_field", "initialKeyId"),
                refused("reader TDES KSN with a counter", () -> Drafts.reader("R1", "FFFF9876543210E00001", id, "T1").validate(null), "invalid_field", "initialKeyId"),
                refused("reader without merchant", () -> Drafts.reader("R1", "1234567800000001", null, "T1").validate(null), "missing_field", "merchantId"),
                refused("reader merchant malformed", () -> Drafts.reader("R1", "1234567800000001", "M/1", "T1").validate(null), "invalid_field", "merchantId"),
                refused("reader terminal ID of 9", () -> Drafts.reader("R1", "1234567800000001", id, "T00000001").validate(null), "invalid_field", "terminalId"),
                refused("reader without terminal", () -> Drafts.reader("R1", "1234567800000001", id, null).validate(null), "missing_field", "terminalId"),
                refused("reader without phone", () -> new ReaderDraft("R1", "1234567800000001", id, "T1", null, "ACTIVE", null).validate(null), "missing_field", "phoneAddress"),
                refused("reader phone without @", () -> new ReaderDraft("R1", "1234567800000001", id, "T1", "taro.example.jp", "ACTIVE", null).validate(null), "invalid_field", "phoneAddress"),
                refused("reader phone with two dots", () -> new ReaderDraft("R1", "1234567800000001", id, "T1", "taro..y@docomo.ne.jp", "ACTIVE", null).validate(null), "invalid_field", "phoneAddress"),
                refused("reader phone bad domain", () -> new ReaderDraft("R1", "1234567800000001", id, "T1", "taro@-x.jp", "ACTIVE", null).validate(null), "invalid_field", "phoneAddress"),
                refused("reader unknown status", () -> new ReaderDraft("R1", "1234567800000001", id, "T1", "a@b.jp", "SUSPENDED", null).validate(null), "invalid_field", "status"),

                refused("issuer without id", () -> Drafts.issuer(null, List.of()).validate(null, ZpkCatalog.ANY), "missing_field", "id"),
                refused("issuer without name", () -> new IssuerDraft("I1", null, Drafts.link(), "zpk", "1", List.of(), null).validate(null, ZpkCatalog.ANY), "missing_field", "name"),
                refused("issuer without link", () -> new IssuerDraft("I1", "n", null, "zpk", "1", List.of(), null).validate(null, ZpkCatalog.ANY), "missing_field", "link"),
                refused("issuer link bad host", () -> new IssuerDraft("I1", "n", new IssuerLinkDraft("a b", 1, "binary2", true, 1000), "zpk", "1", List.of(), null).validate(null, ZpkCatalog.ANY), "invalid_field", "link.host"),
                refused("issuer link bad IPv4", () -> new IssuerDraft("I1", "n", new IssuerLinkDraft("10.0.0.256", 1, "binary2", true, 1000), "zpk", "1", List.of(), null).validate(null, ZpkCatalog.ANY), "invalid_field", "link.host"),
                refused("issuer link port 0", () -> new IssuerDraft("I1", "n", new IssuerLinkDraft("h", 0, "binary2", true, 1000), "zpk", "1", List.of(), null).validate(null, ZpkCatalog.ANY), "invalid_field", "link.port"),
                refused("issuer link port missing", () -> new IssuerDraft("I1", "n", new IssuerLinkDraft("h", null, "binary2", true, 1000), "zpk", "1", List.of(), null).validate(null, ZpkCatalog.ANY), "missing_field", "link.port"),
                refused("issuer link unknown header", () -> new IssuerDraft("I1", "n", new IssuerLinkDraft("h", 1, "binary4", true, 1000), "zpk", "1", List.of(), null).validate(null, ZpkCatalog.ANY), "invalid_field", "link.lengthHeader"),
                refused("issuer link without tls", () -> new IssuerDraft("I1", "n", new IssuerLinkDraft("h", 1, "bcd2", null, 1000), "zpk", "1", List.of(), null).validate(null, ZpkCatalog.ANY), "missing_field", "link.tls"),
                refused("issuer link timeout too short", () -> new IssuerDraft("I1", "n", new IssuerLinkDraft("h", 1, "ascii4", false, 99), "zpk", "1", List.of(), null).validate(null, ZpkCatalog.ANY), "invalid_field", "link.responseTimeoutMillis"),
                refused("issuer bad key name", () -> new IssuerDraft("I1", "n", Drafts.link(), "zpk/1", "1", List.of(), null).validate(null, ZpkCatalog.ANY), "invalid_field", "zpkKeyName"),
                refused("issuer unknown key", () -> new IssuerDraft("I1", "n", Drafts.link(), "zpk", "1", List.of(), null).validate(null, name -> Optional.of("no key named " + name)), "unknown_reference", "zpkKeyName"),
                refused("issuer acquirer ID of 12 digits", () -> new IssuerDraft("I1", "n", Drafts.link(), "zpk", "123456789012", List.of(), null).validate(null, ZpkCatalog.ANY), "invalid_field", "acquirerInstitutionId"),
                refused("issuer without codes", () -> new IssuerDraft("I1", "n", Drafts.link(), "zpk", "1", null, null).validate(null, ZpkCatalog.ANY), "missing_field", "issuerCodes"),
                refused("issuer code malformed", () -> Drafts.issuer("I1", List.of("01", "0-2")).validate(null, ZpkCatalog.ANY), "invalid_field", "issuerCodes[1]"),
                refused("issuer code repeated", () -> Drafts.issuer("I1", List.of("01", "02", "01")).validate(null, ZpkCatalog.ANY), "invalid_field", "issuerCodes[2]"),
                refused("issuer code null", () -> Drafts.issuer("I1", Arrays.asList("01", null)).validate(null, ZpkCatalog.ANY), "missing_field", "issuerCodes[1]"),
                refused("issuer too many codes", () -> Drafts.issuer("I1", Stream.iterate(1, i -> i + 1).limit(101).map(String::valueOf).toList()).validate(null, ZpkCatalog.ANY), "invalid_field", "issuerCodes"),

                refused("route of 7 digits", () -> Drafts.route("4111111", "I1").validate(null), "invalid_field", "binPrefix"),
                refused("route of a full PAN", () -> Drafts.route("4111111111111111", "I1").validate(null), "invalid_field", "binPrefix"),
                refused("route without prefix", () -> Drafts.route(null, "I1").validate(null), "missing_field", "binPrefix"),
                refused("route without issuer", () -> Drafts.route("411111", null).validate(null), "missing_field", "issuerId"),

                refused("rule code of 3", () -> Drafts.rule("055").validate(null), "invalid_field", "code"),
                refused("rule code lower case", () -> Drafts.rule("a1").validate(null), "invalid_field", "code"),
                refused("rule unknown outcome", () -> new ResponseCodeRuleDraft("Z1", "REFUSED", "r", "ja", "en", null).validate(null), "invalid_field", "outcome"),
                refused("rule 00 not approved", () -> new ResponseCodeRuleDraft("00", "DECLINED", "r", "ja", "en", null).validate("00"), "protected", "outcome"),
                refused("rule reason not snake_case", () -> new ResponseCodeRuleDraft("Z1", "DECLINED", "Wrong-PIN", "ja", "en", null).validate(null), "invalid_field", "reason"),
                refused("rule without Japanese", () -> new ResponseCodeRuleDraft("Z1", "DECLINED", "r", null, "en", null).validate(null), "missing_field", "customerTextJa"),
                refused("rule English too long", () -> new ResponseCodeRuleDraft("Z1", "DECLINED", "r", "ja", "e".repeat(201), null).validate(null), "invalid_field", "customerTextEn"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithCodeAndField(String what, Validation validation, String code, String field) {
        assertThatThrownBy(validation::run).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    @Test
    void messagesNeverRepeatTheValue() {
        assertThatThrownBy(() -> Drafts.route("4111111111111111", "I1").validate(null))
                .hasMessage("binPrefix must be exactly 6 or 8 digits, got 16 characters");
    }

    @Test
    void validDraftsAreNormalised() throws RegistryException {
        Reader reader = new ReaderDraft("R1", "ffff9876543210e00000", "M1", "T1", "\"taro..y\"@DoCoMo.ne.jp", "ACTIVE", null).validate(null);
        assertThat(reader.initialKeyId()).isEqualTo("FFFF9876543210E00000");
        assertThat(reader.phoneAddress()).isEqualTo("\"taro..y\"@docomo.ne.jp");
        Merchant merchant = new MerchantDraft("M1", "  山田商店 ", "5411", "SUSPENDED", 3L).validate(null);
        assertThat(merchant.name()).isEqualTo("山田商店");
        assertThat(merchant.status()).isEqualTo(MerchantStatus.SUSPENDED);
        Issuer issuer = new IssuerDraft(null, "n", new IssuerLinkDraft("2001:db8::1", 1, "bcd2", false, 100), "zpk", "0", List.of(), null)
                .validate("I1", ZpkCatalog.ANY);
        assertThat(issuer.id()).isEqualTo("I1");
        assertThat(issuer.link().lengthHeader()).isEqualTo(LengthHeaderKind.BCD2);
        ResponseCodeRule rule = new ResponseCodeRuleDraft("00", "APPROVED", "approved", "ja", "en", null).validate("00");
        assertThat(rule.outcome()).isEqualTo(PaymentOutcome.APPROVED);
    }

    @Test
    void emailAddressesFollowAddrSpec() {
        for (String good : List.of("a@b", "taro.yamada@docomo.ne.jp", "x+tag@ezweb.ne.jp", "\"a b\"@example.jp",
                "!#$%&'*+/=?^_`{|}~-@example.jp", "\"quoted\\\"quote\"@example.jp")) {
            assertThat(EmailAddresses.check(good).problem()).as(good).isEmpty();
        }
        for (String bad : List.of("", "@example.jp", "taro@", "taro.@example.jp", ".taro@example.jp", "ta ro@example.jp",
                "taro@example..jp", "taro@exa_mple.jp", "太郎@example.jp", "a".repeat(65) + "@example.jp",
                "a@" + "b".repeat(250) + ".jp", "\"unclosed@example.jp")) {
            assertThat(EmailAddresses.check(bad).problem()).as(bad).isPresent();
        }
    }

    @Test
    void linkHostsAreNamesOrAddressesNeverLookedUp() {
        for (String good : List.of("localhost", "auth.acme.example", "10.1.2.3", "::1", "2001:db8::8583", "a-b.example")) {
            assertThat(LinkHosts.isValid(good)).as(good).isTrue();
        }
        for (String bad : List.of("", "a b", "-a.example", "999.1.1.1", "1.2.3", "[::1]", "::g", "a..b")) {
            assertThat(LinkHosts.isValid(bad)).as(bad).isFalse();
        }
    }
}
