package io.kessai.center.flow;

import io.kessai.card.Pan;
import java.util.List;
import java.util.Optional;

/**
 * The registry as the flow needs it (readers, merchants, routes, the DE 39 table). The center's
 * registry implements it; keeping the flow on this narrow face lets it be tested without a database.
 */
public interface FlowDirectory {

    Optional<ReaderEntry> readerByInitialKeyId(String initialKeyIdHex);

    Optional<MerchantEntry> merchant(String merchantId);

    /** The issuer for a card: longest BIN prefix (8 beats 6 digits), then issuer code. */
    Optional<IssuerEntry> issuerFor(Pan pan);

    /** How to treat an issuer's DE 39; an unknown code gets a generic decline. */
    ResponseRule responseRule(String responseCode);

    record ReaderEntry(String serial, String merchantId, String terminalId, boolean active) {}

    record MerchantEntry(String id, String name, String merchantCategoryCode, boolean active, List<ItemQuestion> questions) {}

    record IssuerEntry(String id, String zonePinKeyName, long responseTimeoutMillis) {}

    /** The outcome of a DE 39 code and the texts the customer sees. */
    record ResponseRule(String responseCode, Outcome outcome, String reason, String textJa, String textEn) {
        public enum Outcome {
            APPROVED,
            DECLINED,
            REENTER,
            UNAVAILABLE
        }
    }

    /**
     * An additional item (seed 000 ¶0049: items the card company or the shop needs): the center's own
     * or one the merchant configured.
     *
     * @param choices the allowed answers of a {@link AnswerType#CHOICE} item, empty for the others
     */
    record ItemQuestion(String key, String labelJa, String labelEn, boolean required, int maxLength, AnswerType type,
            List<String> choices) {
        public ItemQuestion {
            choices = List.copyOf(choices);
            assert maxLength >= 1 : "maxLength " + maxLength;
            assert (type == AnswerType.CHOICE) == !choices.isEmpty() : "choices exactly for CHOICE items";
        }

        /** A free-text item. */
        public ItemQuestion(String key, String labelJa, String labelEn, boolean required, int maxLength) {
            this(key, labelJa, labelEn, required, maxLength, AnswerType.TEXT, List.of());
        }
    }

    /** How an answer is checked (the registry's AdditionalItemType). */
    enum AnswerType {
        TEXT,
        DIGITS,
        EMAIL,
        CHOICE
    }
}
