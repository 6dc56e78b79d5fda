package io.kessai.center.http;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the HTTPS server listens.
 *
 * @param host the address to bind ({@code 0.0.0.0} for all, {@code 127.0.0.1} for this machine only)
 * @param port the TCP port; 0 picks a free one (tests), see {@link HttpServer#port()}
 * @param maxRequestBodyBytes larger bodies are refused with 413 {@code request_too_large}
 */
public record HttpServerConfig(String host, int port, TlsConfig tls, long maxRequestBodyBytes) {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8443;
    public static final int MAX_PORT = 65_535;
    /** Admin documents and envelopes are a few kilobytes; a megabyte leaves room without inviting abuse. */
    public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 1_048_576;
    public static final long MIN_REQUEST_BODY_BYTES = 1_024;
    public static final long MAX_REQUEST_BODY_BYTES = 16_777_216;
    /** Sub-directory of the data directory that keeps the self-signed certificate. */
    public static final String TLS_DIRECTORY = "tls";

    public HttpServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port must be 0 to " + MAX_PORT + ", got " + port);
        }
        if (maxRequestBodyBytes < MIN_REQUEST_BODY_BYTES || maxRequestBodyBytes > MAX_REQUEST_BODY_BYTES) {
            throw new IllegalArgumentException("maxRequestBodyBytes must be " + MIN_REQUEST_BODY_BYTES + " to "
                    + MAX_REQUEST_BODY_BYTES + ", got " + maxRequestBodyBytes);
        }
    }

    /** A self-signed certificate kept in {@code tlsDirectory}, the default body limit. */
    public static HttpServerConfig selfSigned(String host, int port, Path tlsDirectory) {
        return new HttpServerConfig(host, port, new TlsConfig.SelfSigned(tlsDirectory), DEFAULT_MAX_REQUEST_BODY_BYTES);
    }

    /**
     * From {@code KESSAI_HTTP_HOST}, {@code KESSAI_HTTP_PORT}, {@code KESSAI_HTTP_MAX_BODY_BYTES} and, for
     * TLS, {@code KESSAI_TLS_PKCS12_FILE} with {@code KESSAI_TLS_PKCS12_PASSWORD[_FILE]}, or else a
     * self-signed certificate in {@code <dataDirectory>/tls} naming also {@code KESSAI_TLS_SELF_SIGNED_NAMES}.
     */
    public static HttpServerConfig fromEnvironment(ConfigValues values, Path dataDirectory) {
        String host = values.string("KESSAI_HTTP_HOST").orElse(DEFAULT_HOST);
        int port = values.integer("KESSAI_HTTP_PORT", DEFAULT_PORT, 0, MAX_PORT);
        long maxBody = values.longValue("KESSAI_HTTP_MAX_BODY_BYTES", DEFAULT_MAX_REQUEST_BODY_BYTES,
                MIN_REQUEST_BODY_BYTES, MAX_REQUEST_BODY_BYTES);
        TlsConfig tls = values.string("KESSAI_TLS_PKCS12_FILE")
                .<TlsConfig>map(file -> new TlsConfig.Pkcs12File(Path.of(file),
                        values.secret("KESSAI_TLS_PKCS12_PASSWORD").orElseThrow(() -> new IllegalArgumentException(
                                "KESSAI_TLS_PKCS12_FILE is set: set KESSAI_TLS_PKCS12_PASSWORD or"
                                        + " KESSAI_TLS_PKCS12_PASSWORD_FILE too")).toCharArray()))
                .orElseGet(() -> new TlsConfig.SelfSigned(dataDirectory.resolve(TLS_DIRECTORY),
                        values.list("KESSAI_TLS_SELF_SIGNED_NAMES")));
        return new HttpServerConfig(host, port, tls, maxBody);
    }
}
