package io.kessai.center.admin;

import io.kessai.crypto.files.OwnerOnlyFiles;
import io.kessai.center.http.ConfigValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret that opens the admin API ({@code Authorization: Bearer <token>}). Only its SHA-256 is
 * kept, and a presented token is compared by digest in constant time, so neither its content nor its
 * length leaks through timing. From {@code KESSAI_ADMIN_TOKEN} or {@code KESSAI_ADMIN_TOKEN_FILE}; with
 * neither, one is made on first start in {@code <data directory>/admin-token} (mode 0600) and reused.
 */
public final class AdminToken {
    public static final String VARIABLE = "KESSAI_ADMIN_TOKEN";
    public static final String GENERATED_FILE = "admin-token";
    /** 32 characters of base64 or hex carry at least 128 bits when random: beyond guessing over a network. */
    public static final int MIN_CHARS = 32;
    public static final int MAX_CHARS = 512;
    /** RFC 6750 b64token: what may follow "Bearer ". */
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final int GENERATED_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);

    private final byte[] digest;

    private AdminToken(byte[] digest) {
        this.digest = digest;
    }

    /** A token given in configuration; refused if short or not a valid bearer token. */
    public static AdminToken of(String token) {
        if (token == null || token.length() < MIN_CHARS || token.length() > MAX_CHARS) {
            throw new IllegalArgumentException("the admin token must be " + MIN_CHARS + " to " + MAX_CHARS
                    + " characters, got " + (token == null ? 0 : token.length()));
        }
        if (!TOKEN68.matcher(token).matches()) {
            throw new IllegalArgumentException("the admin token may hold only letters, digits and -._~+/"
                    + " (then '=' padding), so that it fits an Authorization: Bearer header");
        }
        return new AdminToken(sha256(token));
    }

    public static AdminToken fromEnvironment(ConfigValues values, Path dataDirectory) {
        return values.secret(VARIABLE).map(AdminToken::of)
                .orElseGet(() -> loadOrCreate(dataDirectory.resolve(GENERATED_FILE)));
    }

    /** The token in {@code file}, made there (random, mode 0600) if the file does not exist. */
    public static AdminToken loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return of(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
            byte[] random = new byte[GENERATED_BYTES];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            OwnerOnlyFiles.write(file, token.getBytes(StandardCharsets.UTF_8));
            LOG.info("admin token made in {}: read it from there (it is never logged)", file);
            return of(token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token file " + file, e);
        }
    }

    /** True when {@code presented} is the token; the time taken does not depend on where they differ. */
    public boolean matches(String presented) {
        if (presented == null || presented.length() > MAX_CHARS) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[***]";
    }
}
