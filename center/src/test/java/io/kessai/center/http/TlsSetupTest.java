package io.kessai.center.http;

import io.kessai.crypto.files.OwnerOnlyFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSetupTest {
    @TempDir Path dir;

    @Test
    void theSelfSignedCertificateIsMadeOnceAndReusedOnRestart() throws Exception {
        Path tls = dir.resolve("tls");
        HttpServerConfig config = HttpServerConfig.selfSigned("127.0.0.1", 0, tls);
        String firstFingerprint;
        try (HttpServer first = HttpServer.start(config, new SimpleMeterRegistry(), List.of())) {
            firstFingerprint = first.certificateSha256Fingerprint();
            assertThat(HttpsTestClient.forServer(first).get("/openapi.json").status()).isEqualTo(200);
        }
        assertThat(PosixFilePermissions.toString(OwnerOnlyFiles.permissions(tls.resolve(SelfSignedCertificate.KEYSTORE_FILE))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(OwnerOnlyFiles.permissions(tls.resolve(SelfSignedCertificate.PASSWORD_FILE))))
                .isEqualTo("rw-------");
        byte[] keyStoreBefore = Files.readAllBytes(tls.resolve(SelfSignedCertificate.KEYSTORE_FILE));

        try (HttpServer second = HttpServer.start(config, new SimpleMeterRegistry(), List.of())) {
            assertThat(second.certificateSha256Fingerprint()).isEqualTo(firstFingerprint);
            // A client that trusts only the PEM file written on first start can talk to the restarted server.
            X509Certificate pem = parsePem(tls.resolve(SelfSignedCertificate.CERTIFICATE_FILE));
            assertThat(new HttpsTestClient(second.baseUri(), pem).get("/openapi.json").status()).isEqualTo(200);
        }
        assertThat(Files.readAllBytes(tls.resolve(SelfSignedCertificate.KEYSTORE_FILE))).isEqualTo(keyStoreBefore);
    }

    @Test
    void theCertificateNamesLocalAddressesIsAnEndEntityAndLastsTwoYears() throws Exception {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        TlsKeyStore store = SelfSignedCertificate.loadOrCreate(dir, List.of("pay.example.jp", "192.0.2.7"),
                Clock.fixed(now, ZoneOffset.UTC));
        X509Certificate certificate = store.certificate();
        assertThat(SelfSignedCertificate.subjectAlternativeNames(certificate))
                .contains("localhost", "127.0.0.1", HostNames.canonical("::1"), "pay.example.jp", "192.0.2.7");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now.plus(SelfSignedCertificate.VALIDITY));
        assertThat(store.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void aNewCertificateIsMadeNearExpiryOrForANewName() {
        Instant made = Instant.parse("2030-01-01T00:00:00Z");
        String original = SelfSignedCertificate.loadOrCreate(dir, List.of(), Clock.fixed(made, ZoneOffset.UTC)).sha256Fingerprint();
        Clock aYearLater = Clock.fixed(made.plus(Duration.ofDays(365)), ZoneOffset.UTC);
        assertThat(SelfSignedCertificate.loadOrCreate(dir, List.of(), aYearLater).sha256Fingerprint()).isEqualTo(original);

        Clock nearExpiry = Clock.fixed(made.plus(SelfSignedCertificate.VALIDITY).minus(Duration.ofDays(10)), ZoneOffset.UTC);
        String renewed = SelfSignedCertificate.loadOrCreate(dir, List.of(), nearExpiry).sha256Fingerprint();
        assertThat(renewed).isNotEqualTo(original);

        String withName = SelfSignedCertificate.loadOrCreate(dir, List.of("kessai.example"), nearExpiry).sha256Fingerprint();
        assertThat(withName).isNotEqualTo(renewed);
    }

    @Test
    void aBadExtraNameIsRefused() {
        assertThatThrownBy(() -> SelfSignedCertificate.loadOrCreate(dir, List.of("not a name"), Clock.systemUTC()))
                .isInstanceOf(HttpServerException.class).hasMessageContaining("'not a name'");
    }

    @Test
    void aConfiguredPkcs12FileIsPresented() throws Exception {
        Path made = dir.resolve("made");
        TlsKeyStore original = SelfSignedCertificate.loadOrCreate(made, List.of(), Clock.systemUTC());
        char[] password = Files.readString(made.resolve(SelfSignedCertificate.PASSWORD_FILE)).strip().toCharArray();
        TlsConfig config = new TlsConfig.Pkcs12File(made.resolve(SelfSignedCertificate.KEYSTORE_FILE), password);
        assertThat(config.toString()).doesNotContain(new String(password));
        try (HttpServer server = HttpServer.start(new HttpServerConfig("127.0.0.1", 0, config, 4_096),
                new SimpleMeterRegistry(), List.of())) {
            assertThat(server.certificateSha256Fingerprint()).isEqualTo(original.sha256Fingerprint());
            assertThat(HttpsTestClient.forServer(server).get("/openapi.json").status()).isEqualTo(200);
        }
    }

    @Test
    void aWrongPkcs12PasswordOrAMissingFileIsNamed() {
        Path made = dir.resolve("made");
        SelfSignedCertificate.loadOrCreate(made, List.of(), Clock.systemUTC());
        Path file = made.resolve(SelfSignedCertificate.KEYSTORE_FILE);
        assertThatThrownBy(() -> TlsKeyStores.loadPkcs12(file, "wrong".toCharArray()))
                .isInstanceOf(HttpServerException.class).hasMessageContaining(file.toString()).hasMessageContaining("wrong password");
        assertThatThrownBy(() -> TlsKeyStores.loadPkcs12(dir.resolve("none.p12"), "x".toCharArray()))
                .isInstanceOf(HttpServerException.class).hasMessageContaining("does not exist");
    }

    @Test
    void configurationComesFromTheEnvironment() throws Exception {
        HttpServerConfig defaults = HttpServerConfig.fromEnvironment(ConfigValues.of(Map.of()), dir);
        assertThat(defaults.port()).isEqualTo(HttpServerConfig.DEFAULT_PORT);
        assertThat(defaults.host()).isEqualTo("0.0.0.0");
        assertThat(defaults.tls()).isEqualTo(new TlsConfig.SelfSigned(dir.resolve("tls"), List.of()));

        Path passwordFile = dir.resolve("p12.password");
        Files.writeString(passwordFile, "secret\n", StandardCharsets.UTF_8);
        HttpServerConfig production = HttpServerConfig.fromEnvironment(ConfigValues.of(Map.of(
                "KESSAI_HTTP_PORT", "443", "KESSAI_TLS_PKCS12_FILE", "/etc/kessai/https.p12",
                "KESSAI_TLS_PKCS12_PASSWORD_FILE", passwordFile.toString())), dir);
        assertThat(production.port()).isEqualTo(443);
        assertThat(production.tls()).isInstanceOfSatisfying(TlsConfig.Pkcs12File.class,
                file -> assertThat(file.password()).isEqualTo("secret".toCharArray()));

        assertThatThrownBy(() -> HttpServerConfig.fromEnvironment(ConfigValues.of(Map.of("KESSAI_HTTP_PORT", "http")), dir))
                .hasMessage("KESSAI_HTTP_PORT must be a whole number from 0 to 65535, got 'http'");
        assertThatThrownBy(() -> HttpServerConfig.fromEnvironment(ConfigValues.of(Map.of(
                "KESSAI_TLS_PKCS12_FILE", "/x.p12")), dir)).hasMessageContaining("KESSAI_TLS_PKCS12_PASSWORD");
        assertThatThrownBy(() -> HttpServerConfig.fromEnvironment(ConfigValues.of(Map.of(
                "KESSAI_TLS_PKCS12_FILE", "/x.p12", "KESSAI_TLS_PKCS12_PASSWORD", "a",
                "KESSAI_TLS_PKCS12_PASSWORD_FILE", passwordFile.toString())), dir)).hasMessageContaining("not both");
    }

    private static X509Certificate parsePem(Path file) throws Exception {
        byte[] pem = Files.readAllBytes(file);
        assertThat(new String(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN CERTIFICATE-----\n");
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }
}
