package io.kessai.app.up;

import io.kessai.crypto.files.OwnerOnlyFiles;
import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import io.kessai.center.registry.IssuerDraft;
import io.kessai.center.registry.IssuerLinkDraft;
import io.kessai.center.registry.MerchantDraft;
import io.kessai.center.registry.ReaderDraft;
import io.kessai.center.registry.Registry;
import io.kessai.center.registry.RegistryException;
import io.kessai.center.registry.RegistrySnapshot;
import io.kessai.center.registry.RouteDraft;
import io.kessai.center.wiring.Center;
import io.kessai.center.wiring.CenterSettings;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.hsm.HsmException;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.crypto.hsm.ReaderKeyMaterial;
import io.kessai.crypto.hsm.SoftwareHsm;
import io.kessai.reader.CardReader;
import io.kessai.reader.ReaderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * The demo world of {@code kessai up}, made on the first start and found again on later ones: keys in
 * the center's key store, the zone PIN keys shared with the demo issuers, reader key files, accounts
 * files, and the registry entries (merchant, readers, issuers, routes). Everything is idempotent.
 */
final class DemoSetup {
    static final String MERCHANT_ID = "M-DEMO-0001";
    static final String ACTOR = "kessai-up";
    static final String DEMO_HOST = "127.0.0.1";
    static final int ISSUER_RESPONSE_TIMEOUT_MILLIS = 10_000;
    /** DE 32 the demo issuers see. */
    static final String ACQUIRER_ID = "00000000001";

    record DemoReader(String serial, KeyScheme scheme, String bdkName, String terminalId, String phoneAddress) {}

    static final List<DemoReader> READERS = List.of(
            new DemoReader("R-DEMO-1", KeyScheme.AES128_DUKPT, "demo-bdk-aes128", "T0000001", "phone-1@phones.kessai.test"),
            new DemoReader("R-DEMO-2", KeyScheme.TDES_DUKPT, "demo-bdk-tdes", "T0000002", "phone-2@phones.kessai.test"));

    private final Path root;

    DemoSetup(Path root) {
        this.root = root;
    }

    Path readersDirectory() {
        return root.resolve("readers");
    }

    Path readerFile(DemoReader reader) {
        return readersDirectory().resolve(reader.serial() + ".reader");
    }

    Path demoDirectory() {
        return root.resolve("demo");
    }

    Path accountsFile(DemoIssuer issuer) {
        return demoDirectory().resolve(issuer.id() + "-accounts.csv");
    }

    static String zpkName(DemoIssuer issuer) {
        return "zpk-" + issuer.id();
    }

    /** The demo issuer's clear zone PIN key: made once, kept owner-only, shared with the center's HSM. */
    byte[] zonePinKey(DemoIssuer issuer) throws IOException {
        Path file = demoDirectory().resolve(issuer.id() + ".zpk");
        if (!Files.exists(file)) {
            byte[] key = new byte[issuer.zpkType().keyBytes()];
            new SecureRandom().nextBytes(key);
            writeOwnerOnly(file, Hex.encode(key) + "\n");
            Bytes.wipe(key);
        }
        return Hex.decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }

    void writeAccountsFiles() throws IOException {
        for (DemoIssuer issuer : DemoIssuer.ALL) {
            writeOwnerOnly(accountsFile(issuer), issuer.accountsCsv());
        }
    }

    /** Keys and reader files, before the center opens its key store. */
    void prepareKeys(CenterSettings settings) throws HsmException, IOException, ReaderException {
        Files.createDirectories(readersDirectory());
        try (SoftwareHsm hsm = Center.openHsm(settings)) {
            for (DemoIssuer issuer : DemoIssuer.ALL) {
                if (!hasKey(hsm, zpkName(issuer))) {
                    byte[] zpk = zonePinKey(issuer);
                    try {
                        hsm.importZpk(zpkName(issuer), issuer.zpkType(), zpk);
                    } finally {
                        Bytes.wipe(zpk);
                    }
                }
            }
            for (DemoReader reader : READERS) {
                if (!hasKey(hsm, reader.bdkName())) {
                    hsm.generateBdk(reader.bdkName(), reader.scheme());
                }
                if (!Files.exists(readerFile(reader)) && hsm.readers().stream().noneMatch(r -> r.serial().equals(reader.serial()))) {
                    ReaderKeyMaterial material = hsm.injectReader(reader.bdkName(), reader.serial());
                    try {
                        CardReader.provision(readerFile(reader), material, MERCHANT_ID, reader.terminalId());
                    } finally {
                        material.destroy();
                    }
                }
            }
        }
    }

    /**
     * Registry entries, once the center runs; entries that exist are left as the operator changed them,
     * except a demo issuer's link port, which follows where this start put that issuer ({@code issuerPorts},
     * in the order of {@link DemoIssuer#ALL}).
     */
    void registerInCenter(Registry registry, List<Integer> issuerPorts) throws RegistryException, ReaderException {
        RegistrySnapshot now = registry.snapshot();
        if (now.merchant(MERCHANT_ID).isEmpty()) {
            registry.createMerchant(new MerchantDraft(MERCHANT_ID, "Kessai Demo Shop", "5411", "ACTIVE", null), ACTOR);
        }
        for (int i = 0; i < DemoIssuer.ALL.size(); i++) {
            DemoIssuer issuer = DemoIssuer.ALL.get(i);
            int port = issuerPorts.get(i);
            var registered = now.issuer(issuer.id());
            if (registered.isEmpty()) {
                registry.createIssuer(new IssuerDraft(issuer.id(), issuer.name(),
                        new IssuerLinkDraft(DEMO_HOST, port, "binary2", false, ISSUER_RESPONSE_TIMEOUT_MILLIS),
                        zpkName(issuer), ACQUIRER_ID, List.of(issuer.issuerCode()), null), ACTOR);
            } else if (registered.get().link().host().equals(DEMO_HOST) && registered.get().link().port() != port) {
                var known = registered.get();
                var link = known.link();
                registry.updateIssuer(issuer.id(), new IssuerDraft(issuer.id(), known.name(),
                        new IssuerLinkDraft(DEMO_HOST, port, link.lengthHeader().wireName(), link.tls(), link.responseTimeoutMillis()),
                        known.zpkKeyName(), known.acquirerInstitutionId(), known.issuerCodes(), known.version()), ACTOR);
            }
            for (String bin : issuer.binPrefixes()) {
                if (now.route(bin).isEmpty()) {
                    registry.createRoute(new RouteDraft(bin, issuer.id(), null), ACTOR);
                }
            }
        }
        for (DemoReader reader : READERS) {
            if (now.readerBySerial(reader.serial()).isEmpty() && Files.exists(readerFile(reader))) {
                String initialKeyId = CardReader.load(readerFile(reader)).initialKeyIdHex();
                registry.createReader(new ReaderDraft(reader.serial(), initialKeyId, MERCHANT_ID, reader.terminalId(),
                        reader.phoneAddress(), "ACTIVE", null), ACTOR);
            }
        }
    }

    private static boolean hasKey(SoftwareHsm hsm, String name) {
        return hsm.keys().stream().anyMatch(k -> k.name().equals(name));
    }

    static void writeOwnerOnly(Path file, String content) throws IOException {
        OwnerOnlyFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
    }
}
