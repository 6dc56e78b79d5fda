package io.kessai.center.registry;

import java.util.List;
import java.util.Objects;

/**
 * A card company host the center asks for authorizations (seed 000 card companies A/B/C).
 *
 * @param zpkKeyName the zone PIN key shared with this issuer, by its name in the center's HSM key store
 * @param acquirerInstitutionId what the center sends in DE 32 to this issuer, up to 11 digits
 * @param issuerCodes codes that route to this issuer without a BIN (仕向判定 by issuer code), in the order given
 */
public record Issuer(String id, String name, IssuerLink link, String zpkKeyName, String acquirerInstitutionId,
        List<String> issuerCodes, long version) {
    public Issuer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(zpkKeyName, "zpkKeyName");
        Objects.requireNonNull(acquirerInstitutionId, "acquirerInstitutionId");
        issuerCodes = List.copyOf(issuerCodes);
        assert version >= 1 : "stored versions start at 1";
    }

    /** The same issuer at another stored version. */
    public Issuer withVersion(long newVersion) {
        return new Issuer(id, name, link, zpkKeyName, acquirerInstitutionId, issuerCodes, newVersion);
    }
}
