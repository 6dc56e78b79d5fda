package io.kessai.center.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kessai.center.flow.FlowDirectory.AnswerType;
import io.kessai.center.flow.FlowDirectory.ItemQuestion;
import io.kessai.center.flow.FlowDirectory.MerchantEntry;
import io.kessai.center.registry.AdditionalItemDraft;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks on the phone's answers, per item type, with the merchant's own items. */
class AdditionalItemsTest {
    static final List<ItemQuestion> QUESTIONS = AdditionalItems.questionsFor(new MerchantEntry("M1", "Izakaya", "5812", true, List.of(
            new ItemQuestion("table_number", "テーブル番号", "Table number", true, 3, AnswerType.DIGITS, List.of()),
            new ItemQuestion("seat", "席", "Seat", false, 10, AnswerType.CHOICE, List.of("counter", "table")),
            new ItemQuestion("invoice_email", "請求書", "Invoice e-mail", false, 100, AnswerType.EMAIL, List.of()),
            new ItemQuestion("note", "メモ", "Note", false, 40))));

    static Map<String, String> answers(String... keyValues) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("payment_method", "10");
        answers.put("table_number", "12");
        for (int i = 0; i < keyValues.length; i += 2) {
            answers.put(keyValues[i], keyValues[i + 1]);
        }
        return answers;
    }

    static TerminalException refused(Map<String, String> answers) {
        return catchThrowableOfType(TerminalException.class, () -> AdditionalItems.validate(answers, QUESTIONS));
    }

    @Test
    void validAnswersOfEveryTypeAreKeptInTheOrderAsked() throws TerminalException {
        AdditionalItems.Answers valid = AdditionalItems.validate(
                answers("note", " 窓側 ", "seat", "counter", "invoice_email", "keiri@example.jp"), QUESTIONS);
        assertThat(valid.all()).containsEntry("note", "窓側").containsEntry("seat", "counter").containsEntry("table_number", "12")
                .containsEntry("invoice_email", "keiri@example.jp");
    }

    @Test
    void eachTypeRefusesWhatDoesNotFitNamingTheItem() {
        record Case(Map<String, String> answers, TerminalException.Code code, String field) {}
        Map<String, String> withoutTable = answers();
        withoutTable.remove("table_number");
        List<Case> cases = List.of(
                new Case(withoutTable, TerminalException.Code.INVALID_ITEMS, "table_number"),
                new Case(answers("table_number", "1a"), TerminalException.Code.INVALID_ITEMS, "table_number"),
                new Case(answers("table_number", "1234"), TerminalException.Code.INVALID_ITEMS, "table_number"),
                new Case(answers("seat", "terrace"), TerminalException.Code.INVALID_ITEMS, "seat"),
                new Case(answers("invoice_email", "not-an-address"), TerminalException.Code.INVALID_ITEMS, "invoice_email"),
                new Case(answers("note", "a\tb"), TerminalException.Code.INVALID_ITEMS, "note"),
                new Case(answers("note", "card 4111111111111111"), TerminalException.Code.INVALID_ITEMS, "note"),
                new Case(answers("payment_method", "99"), TerminalException.Code.INVALID_ITEMS, "payment_method"),
                new Case(answers("favourite_colour", "blue"), TerminalException.Code.UNKNOWN_FIELD, "favourite_colour"));
        for (Case c : cases) {
            TerminalException e = refused(c.answers());
            assertThat(e).as(c.toString()).isNotNull();
            assertThat(e.code()).as(c.toString()).isEqualTo(c.code());
            assertThat(e.field()).as(c.toString()).isEqualTo(c.field());
            assertThat(e.getMessage()).doesNotContain("4111111111111111");
        }
    }

    @Test
    void cardNumberLikeRunsAreRecognisedAsTheLogRedactorDoes() {
        assertThat(AdditionalItems.looksLikeCardNumber("4111111111111111")).isTrue();
        assertThat(AdditionalItems.looksLikeCardNumber("x4111111111111111y")).isTrue();
        assertThat(AdditionalItems.looksLikeCardNumber("123456789012345678901")).isTrue();
        assertThat(AdditionalItems.looksLikeCardNumber("4111111111111112")).isFalse();
        assertThat(AdditionalItems.looksLikeCardNumber("03-1234-5678")).isFalse();
    }

    @Test
    void theRegistryReservesExactlyTheCentersOwnKeys() {
        assertThat(AdditionalItemDraft.RESERVED_KEYS)
                .containsExactlyInAnyOrderElementsOf(AdditionalItems.STANDARD.stream().map(ItemQuestion::key).toList());
    }
}
