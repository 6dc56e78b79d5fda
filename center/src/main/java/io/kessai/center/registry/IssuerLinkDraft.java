package io.kessai.center.registry;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** An issuer link as a client sends it; see {@link IssuerLink}. */
public record IssuerLinkDraft(String host, Integer port, String lengthHeader, Boolean tls, Integer responseTimeoutMillis) {
    static final int MIN_PORT = 1;
    static final int MAX_PORT = 65_535;
    /** Shorter than any network round trip plus issuer processing. */
    static final int MIN_RESPONSE_TIMEOUT_MILLIS = 100;
    /** Longer than any card network allows before the acquirer must reverse. */
    static final int MAX_RESPONSE_TIMEOUT_MILLIS = 120_000;
    static final Map<String, LengthHeaderKind> LENGTH_HEADERS = lengthHeaders();

    IssuerLink validate(String prefix) throws RegistryException {
        String checkedHost = FieldRules.required(host, prefix + "host");
        if (!LinkHosts.isValid(checkedHost)) {
            throw RegistryException.invalid(prefix + "host", prefix + "host must be a host name (e.g. auth.example.co.jp)"
                    + " or an IP address");
        }
        int checkedPort = FieldRules.range(port, prefix + "port", MIN_PORT, MAX_PORT);
        LengthHeaderKind header = FieldRules.oneOf(lengthHeader, prefix + "lengthHeader", LENGTH_HEADERS);
        boolean checkedTls = FieldRules.required(tls, prefix + "tls");
        int timeout = FieldRules.range(responseTimeoutMillis, prefix + "responseTimeoutMillis",
                MIN_RESPONSE_TIMEOUT_MILLIS, MAX_RESPONSE_TIMEOUT_MILLIS);
        return new IssuerLink(checkedHost, checkedPort, header, checkedTls, timeout);
    }

    private static Map<String, LengthHeaderKind> lengthHeaders() {
        Map<String, LengthHeaderKind> byName = new LinkedHashMap<>();
        Arrays.stream(LengthHeaderKind.values()).forEach(kind -> byName.put(kind.wireName(), kind));
        return Map.copyOf(byName);
    }
}
