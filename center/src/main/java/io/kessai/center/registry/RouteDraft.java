package io.kessai.center.registry;

/** A route as a client sends it; see {@link Route}. */
public record RouteDraft(String binPrefix, String issuerId, Long version) {
    Route validate(String pathPrefix) throws RegistryException {
        String checkedPrefix = pathPrefix != null ? FieldRules.keyMatchingPath(pathPrefix, binPrefix, "binPrefix")
                : FieldRules.matching(binPrefix, "binPrefix", FieldRules.BIN_PREFIX, "exactly 6 or 8 digits");
        String checkedIssuer = FieldRules.matching(issuerId, "issuerId", FieldRules.ISSUER_ID,
                "an issuer ID (1 to 32 letters, digits, '.', '_' or '-')");
        FieldRules.expectedVersion(version);
        return new Route(checkedPrefix, checkedIssuer, 1);
    }
}
