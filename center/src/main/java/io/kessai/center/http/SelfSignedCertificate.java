package io.kessai.center.http;

import io.kessai.crypto.files.OwnerOnlyFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DESIGN.md: "TLS by default, a self-signed certificate generated on first start". An EC P-256 key and
 * a two-year certificate for localhost, 127.0.0.1, ::1, this host's name and any configured names, kept
 * in a PKCS #12 file (mode 0600) and reused on later starts; it is made anew only when it is missing,
 * within 30 days of expiry, or lacks a name now asked for. The certificate is also written as PEM
 * ({@value #CERTIFICATE_FILE}) for clients to trust ({@code curl --cacert}).
 */
final class SelfSignedCertificate {
    static final String KEYSTORE_FILE = "https.p12";
    static final String PASSWORD_FILE = "https.p12.password";
    static final String CERTIFICATE_FILE = "https.crt";
    static final String ALIAS = "kessai-https";
    static final Duration VALIDITY = Duration.ofDays(730);
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofDays(30);
    /** Clients whose clocks run a little behind still accept a certificate made a moment ago. */
    static final Duration BACKDATE = Duration.ofHours(1);
    static final List<String> ALWAYS_NAMES = List.of("localhost", "127.0.0.1", "::1");

    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificate.class);
    private static final String CURVE = "secp256r1";
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final int SERIAL_BITS = 127;
    private static final int PASSWORD_BYTES = 24;
    private static final int PEM_LINE = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCertificate() {}

    static TlsKeyStore loadOrCreate(Path directory, List<String> extraNames, Clock clock) {
        Set<String> names = wantedNames(extraNames);
        Path keyStoreFile = directory.resolve(KEYSTORE_FILE);
        Path passwordFile = directory.resolve(PASSWORD_FILE);
        try {
            if (Files.exists(keyStoreFile) && Files.exists(passwordFile)) {
                TlsKeyStore existing = load(keyStoreFile, passwordFile);
                Optional<String> reason = reasonToRenew(existing.certificate(), names, clock.instant());
                if (reason.isEmpty()) {
                    LOG.info("HTTPS: reusing the self-signed certificate in {} (SHA-256 {})", keyStoreFile,
                            existing.sha256Fingerprint());
                    return existing;
                }
                LOG.warn("HTTPS: making a new self-signed certificate: {}", reason.get());
            }
            TlsKeyStore created = create(names, clock.instant());
            save(created, directory);
            LOG.info("HTTPS: made a self-signed certificate for {} in {} (SHA-256 {}); clients trust {}",
                    names, keyStoreFile, created.sha256Fingerprint(), directory.resolve(CERTIFICATE_FILE));
            return created;
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new HttpServerException("cannot load or create the self-signed HTTPS certificate in "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> wantedNames(List<String> extraNames) {
        Set<String> names = new LinkedHashSet<>(ALWAYS_NAMES);
        localHostName().ifPresent(names::add);
        for (String name : extraNames) {
            if (HostNames.ipLiteral(name).isEmpty() && !HostNames.isDnsName(name)) {
                throw new HttpServerException("'" + name + "' is neither a host name nor an IP address;"
                        + " it cannot go into the HTTPS certificate");
            }
            names.add(name);
        }
        return names;
    }

    private static Optional<String> localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return HostNames.isDnsName(name) ? Optional.of(name) : Optional.empty();
        } catch (IOException e) {
            LOG.debug("no local host name for the certificate: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> reasonToRenew(X509Certificate certificate, Set<String> names, Instant now)
            throws GeneralSecurityException {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.minus(RENEW_BEFORE_EXPIRY).isBefore(now)) {
            return Optional.of("the old one expires " + notAfter);
        }
        Set<String> present = subjectAlternativeNames(certificate);
        for (String name : names) {
            if (!present.contains(HostNames.canonical(name))) {
                return Optional.of("the old one lacks the name " + name);
            }
        }
        return Optional.empty();
    }

    static Set<String> subjectAlternativeNames(X509Certificate certificate) throws GeneralSecurityException {
        Set<String> names = new LinkedHashSet<>();
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        if (entries != null) {
            for (List<?> entry : entries) {
                if (entry.size() == 2 && entry.get(1) instanceof String value) {
                    names.add(HostNames.canonical(value));
                }
            }
        }
        return names;
    }

    private static TlsKeyStore create(Set<String> names, Instant now)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(CURVE), RANDOM);
        KeyPair keyPair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=Kessai self-signed,O=Kessai");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(SERIAL_BITS, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), subject, keyPair.getPublic());
        addExtensions(builder, names, keyPair);
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(keyPair.getPrivate())));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        char[] password = randomPassword();
        keyStore.setKeyEntry(ALIAS, keyPair.getPrivate(), password, new Certificate[] {certificate});
        return new TlsKeyStore(keyStore, password, ALIAS, certificate);
    }

    private static void addExtensions(X509v3CertificateBuilder builder, Set<String> names, KeyPair keyPair)
            throws CertIOException, GeneralSecurityException {
        List<GeneralName> alternativeNames = new ArrayList<>();
        for (String name : names) {
            alternativeNames.add(HostNames.ipLiteral(name).isPresent()
                    ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name));
        }
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
        // An end-entity certificate (CA:FALSE): browsers refuse a CA certificate used as a server's own,
        // while OpenSSL and Java accept a self-signed end-entity certificate as its own trust anchor.
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    private static void save(TlsKeyStore created, Path directory) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream keyStoreBytes = new ByteArrayOutputStream();
        created.keyStore().store(keyStoreBytes, created.password());
        OwnerOnlyFiles.write(directory.resolve(PASSWORD_FILE), new String(created.password()).getBytes(StandardCharsets.UTF_8));
        OwnerOnlyFiles.write(directory.resolve(KEYSTORE_FILE), keyStoreBytes.toByteArray());
        Files.writeString(directory.resolve(CERTIFICATE_FILE), pem(created.certificate()), StandardCharsets.US_ASCII);
    }

    private static TlsKeyStore load(Path keyStoreFile, Path passwordFile) throws IOException, GeneralSecurityException {
        char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(new ByteArrayInputStream(Files.readAllBytes(keyStoreFile)), password);
        if (!(keyStore.getCertificate(ALIAS) instanceof X509Certificate certificate) || !keyStore.isKeyEntry(ALIAS)) {
            throw new GeneralSecurityException(keyStoreFile + " has no key entry '" + ALIAS + "'");
        }
        return new TlsKeyStore(keyStore, password, ALIAS, certificate);
    }

    static String pem(X509Certificate certificate) throws GeneralSecurityException {
        String body = Base64.getMimeEncoder(PEM_LINE, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded());
        return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    }
}
