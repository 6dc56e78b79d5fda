package io.kessai.center.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** What may stand in an issuer link's {@code host}: a DNS name or an IP literal. Never resolves names. */
final class LinkHosts {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    private LinkHosts() {}

    static boolean isValid(String host) {
        if (IPV4.matcher(host).matches()) {
            return true;
        }
        if (host.contains(":")) {
            // Only hex digits, colons and dots reach getByName, which parses such a literal without DNS.
            if (!IPV6_CHARACTERS.matcher(host).matches()) {
                return false;
            }
            try {
                return InetAddress.getByName(host) != null;
            } catch (UnknownHostException e) {
                return false;
            }
        }
        // A name of digits and dots only would be a malformed IPv4 address, not a host name.
        return DNS_NAME.matcher(host).matches() && !host.matches("[0-9.]+");
    }
}
