package io.kessai.center.registry;

import java.util.List;

/** Valid drafts for tests, to be varied one field at a time. */
final class Drafts {
    private Drafts() {}

    static MerchantDraft merchant(String id) {
        return new MerchantDraft(id, "Yamada Shoten 山田商店", "5411", "ACTIVE", null);
    }

    static ReaderDraft reader(String serial, String initialKeyId, String merchantId, String terminalId) {
        return new ReaderDraft(serial, initialKeyId, merchantId, terminalId, "taro@Example.NE.JP", "ACTIVE", null);
    }

    static IssuerLinkDraft link() {
        return new IssuerLinkDraft("auth.acme.example", 8583, "binary2", true, 5_000);
    }

    static IssuerDraft issuer(String id, List<String> codes) {
        return new IssuerDraft(id, "ACME Card", link(), "zpk-acme", "123456", codes, null);
    }

    static RouteDraft route(String binPrefix, String issuerId) {
        return new RouteDraft(binPrefix, issuerId, null);
    }

    static ResponseCodeRuleDraft rule(String code) {
        return new ResponseCodeRuleDraft(code, "DECLINED", "test_reason", "テスト", "Test.", null);
    }
}
