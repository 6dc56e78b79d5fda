package io.kessai.center.network;

import io.kessai.iso8583.link.LengthHeader;

/**
 * How to reach one issuer (from the registry).
 *
 * @param acquirerInstitutionId DE 32, as this issuer knows the center
 * @param zonePinKeyIndex DE 53 positions 5–8: which of the issuer's zone PIN keys the PIN blocks are under
 */
public record IssuerLinkSettings(
        String issuerId,
        String host,
        int port,
        LengthHeader lengthHeader,
        boolean tls,
        int responseTimeoutMillis,
        int zonePinKeyIndex,
        String acquirerInstitutionId) {}
