package io.kessai.center.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Host names and IP literals as they go into a certificate's subject alternative names. */
final class HostNames {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private HostNames() {}

    /** The IP address when {@code name} is an IPv4 or IPv6 literal; no DNS look-up is ever made. */
    static Optional<InetAddress> ipLiteral(String name) {
        // getByName only parses (never resolves) strings that are IP literals, which both checks guarantee.
        if (!IPV4.matcher(name).matches() && !name.contains(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(name));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static boolean isDnsName(String name) {
        return DNS_NAME.matcher(name).matches();
    }

    /** The form two spellings of one name share: lower-case DNS names, canonical IP addresses. */
    static String canonical(String name) {
        return ipLiteral(name).map(InetAddress::getHostAddress).orElse(name.toLowerCase(Locale.ROOT));
    }
}
