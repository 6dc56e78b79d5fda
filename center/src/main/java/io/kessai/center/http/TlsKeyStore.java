package io.kessai.center.http;

import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The key and certificate the HTTPS server presents, loaded and ready.
 *
 * @param alias the key entry in {@code keyStore}
 * @param certificate the server's own (leaf) certificate; for a self-signed one, also the one clients trust
 */
public record TlsKeyStore(KeyStore keyStore, char[] password, String alias, X509Certificate certificate) {
    public TlsKeyStore {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(certificate, "certificate");
        password = password.clone();
    }

    @Override
    public char[] password() {
        return password.clone();
    }

    /** SHA-256 of the DER certificate, as browsers and {@code openssl x509 -fingerprint -sha256} print it. */
    public String sha256Fingerprint() {
        return sha256Fingerprint(certificate);
    }

    public static String sha256Fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the server certificate", e);
        }
    }

    @Override
    public String toString() {
        return "TlsKeyStore[alias=" + alias + ", subject=" + certificate.getSubjectX500Principal() + "]";
    }
}
