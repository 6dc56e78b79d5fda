package io.kessai.center.registry;

import io.kessai.crypto.hsm.Hsm;
import io.kessai.crypto.hsm.KeyInfo;
import java.util.Optional;

/**
 * Tells the registry whether an issuer's zone PIN key exists, so that a typo in {@code zpkKeyName} is
 * refused when it is entered rather than discovered at the first PIN payment.
 */
@FunctionalInterface
public interface ZpkCatalog {
    /** Accepts any well-formed key name (tests, or a center whose HSM is attached later). */
    ZpkCatalog ANY = keyName -> Optional.empty();

    /** Empty when {@code keyName} names a zone PIN key; otherwise a sentence saying what is wrong. */
    Optional<String> problemWith(String keyName);

    /** Checks against the keys of {@code hsm}: the name must exist and be a ZPK. */
    static ZpkCatalog of(Hsm hsm) {
        return keyName -> {
            Optional<KeyInfo> key = hsm.keys().stream().filter(k -> k.name().equals(keyName)).findFirst();
            if (key.isEmpty()) {
                return Optional.of("the HSM key store has no key named " + keyName);
            }
            if (!key.get().type().isZpk()) {
                return Optional.of("key " + keyName + " is a " + key.get().type().cliName() + ", not a zone PIN key");
            }
            return Optional.empty();
        };
    }
}
