package io.kessai.center.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Turns a {@link TlsConfig} into the key and certificate the server presents. */
public final class TlsKeyStores {
    private TlsKeyStores() {}

    public static TlsKeyStore load(TlsConfig config, Clock clock) {
        return switch (config) {
            case TlsConfig.SelfSigned selfSigned ->
                    SelfSignedCertificate.loadOrCreate(selfSigned.directory(), selfSigned.extraNames(), clock);
            case TlsConfig.Pkcs12File file -> loadPkcs12(file.file(), file.password());
        };
    }

    static TlsKeyStore loadPkcs12(Path file, char[] password) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new HttpServerException("the HTTPS key store " + file + " does not exist");
        } catch (IOException e) {
            throw new HttpServerException("cannot read the HTTPS key store " + file + ": " + e.getMessage(), e);
        }
        KeyStore keyStore;
        List<String> keyAliases = new ArrayList<>();
        try {
            keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(new ByteArrayInputStream(bytes), password);
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new HttpServerException("cannot open the HTTPS key store " + file
                    + " as PKCS #12: wrong password or not a PKCS #12 file", e);
        }
        if (keyAliases.size() != 1) {
            throw new HttpServerException("the HTTPS key store " + file + " must hold exactly one private key, it holds "
                    + keyAliases.size() + (keyAliases.isEmpty() ? "" : " " + keyAliases));
        }
        String alias = keyAliases.getFirst();
        try {
            if (!(keyStore.getCertificate(alias) instanceof X509Certificate certificate)) {
                throw new HttpServerException("the key '" + alias + "' in " + file + " has no X.509 certificate");
            }
            return new TlsKeyStore(keyStore, password, alias, certificate);
        } catch (GeneralSecurityException e) {
            throw new HttpServerException("cannot read the certificate of '" + alias + "' in " + file, e);
        }
    }
}
