package io.kessai.center.wiring;

import io.kessai.center.mail.PhoneDirectory;
import io.kessai.center.registry.Reader;
import io.kessai.center.registry.Registry;
import java.util.Optional;

/** The phone bound to each reader, from the registry's current snapshot. */
final class RegistryPhones implements PhoneDirectory {
    private final Registry registry;

    RegistryPhones(Registry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<String> phoneOfInitialKeyId(String initialKeyIdHex) {
        return registry.snapshot().readerByInitialKeyId(initialKeyIdHex).map(Reader::phoneAddress);
    }

    @Override
    public Optional<String> phoneOfReader(String readerSerial) {
        return registry.snapshot().readerBySerial(readerSerial).map(Reader::phoneAddress);
    }
}
