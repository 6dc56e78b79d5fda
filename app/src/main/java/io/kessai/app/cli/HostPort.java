package io.kessai.app.cli;

import io.kessai.app.UsageException;

/** A {@code host:port} option value. */
record HostPort(String host, int port) {
    private static final int MAX_PORT = 65_535;

    static HostPort parse(String option, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UsageException(option + " must be HOST:PORT, got '" + text + "'");
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 1 || port > MAX_PORT) {
                throw new UsageException(option + ": port must be 1 to " + MAX_PORT + ", got " + port);
            }
            return new HostPort(text.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": port must be a number, got '" + text.substring(colon + 1) + "'");
        }
    }
}
