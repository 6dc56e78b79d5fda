package io.kessai.center.wiring;

import io.kessai.card.Pan;
import io.kessai.center.flow.FlowDirectory;
import io.kessai.center.flow.FlowDirectory.AnswerType;
import io.kessai.center.flow.FlowDirectory.ItemQuestion;
import io.kessai.center.registry.AdditionalItem;
import io.kessai.center.registry.Issuer;
import io.kessai.center.registry.Merchant;
import io.kessai.center.registry.MerchantStatus;
import io.kessai.center.registry.Reader;
import io.kessai.center.registry.ReaderStatus;
import io.kessai.center.registry.Registry;
import io.kessai.center.registry.ResponseCodeRule;
import java.util.Optional;

/** The flow's view of the registry: every look-up reads the current snapshot, so admin changes apply at once. */
final class RegistryDirectory implements FlowDirectory {
    private final Registry registry;

    RegistryDirectory(Registry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<ReaderEntry> readerByInitialKeyId(String initialKeyIdHex) {
        return registry.snapshot().readerByInitialKeyId(initialKeyIdHex).map(RegistryDirectory::entry);
    }

    @Override
    public Optional<MerchantEntry> merchant(String merchantId) {
        return registry.snapshot().merchant(merchantId).map(RegistryDirectory::entry);
    }

    @Override
    public Optional<IssuerEntry> issuerFor(Pan pan) {
        return registry.snapshot().issuerFor(pan).map(RegistryDirectory::entry);
    }

    @Override
    public ResponseRule responseRule(String responseCode) {
        ResponseCodeRule rule = registry.snapshot().responseCodeRule(responseCode);
        ResponseRule.Outcome outcome = ResponseRule.Outcome.valueOf(rule.outcome().name());
        return new ResponseRule(rule.code(), outcome, rule.reason(), rule.customerTextJa(), rule.customerTextEn());
    }

    private static ReaderEntry entry(Reader reader) {
        return new ReaderEntry(reader.serial(), reader.merchantId(), reader.terminalId(), reader.status() == ReaderStatus.ACTIVE);
    }

    private static MerchantEntry entry(Merchant merchant) {
        return new MerchantEntry(merchant.id(), merchant.name(), merchant.mcc(), merchant.status() == MerchantStatus.ACTIVE,
                merchant.additionalItems().stream().map(RegistryDirectory::question).toList());
    }

    private static ItemQuestion question(AdditionalItem item) {
        return new ItemQuestion(item.key(), item.labelJa(), item.labelEn(), item.required(), item.maxLength(),
                AnswerType.valueOf(item.type().name()), item.choices());
    }

    private static IssuerEntry entry(Issuer issuer) {
        return new IssuerEntry(issuer.id(), issuer.zpkKeyName(), issuer.link().responseTimeoutMillis());
    }
}
