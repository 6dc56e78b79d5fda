package io.kessai.center.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.center.http.TlsConfig;
import io.kessai.center.http.TlsContexts;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.reader.CardReader;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The listener presents the center's own (self-signed) certificate with STARTTLS and, when told to, refuses plain mail. */
class SmtpStartTlsTest {

    @Test
    void mailOverStartTlsIsTakenInAndPlainMailIsRefusedWhenTlsIsRequired() throws Exception {
        try (MailRig rig = new MailRig("mail-tls")) {
            MailSettings base = rig.settings(rig.relayPort(), 1_000);
            SmtpListener.ListenerSettings listener = base.listener().orElseThrow();
            MailSettings requireTls = new MailSettings(base.address(), base.aliases(), base.centerName(),
                    Optional.of(new SmtpListener.ListenerSettings(listener.host(), 0, listener.hostName(), listener.maxMessageBytes(),
                            listener.maxConnections(), true)),
                    base.ratePerMinute(), base.relay(), base.outbox(), Optional.empty());
            rig.startMail(requireTls, Optional.of(TlsContexts.serverContext(new TlsConfig.SelfSigned(rig.dir.resolve("tls")),
                    Clock.systemUTC())));
            String phone = "tls@docomo.ne.jp";
            CardReader reader = rig.newReader(phone);
            SealedEnvelope envelope = MailRig.seal(reader, 1000, "1234");
            byte[] mail = PhoneMails.attachment(phone, envelope.toBytes(), "e.dat", "application/octet-stream");

            assertThatThrownBy(() -> rig.deliver(mail, phone)).hasStackTraceContaining("STARTTLS");

            Properties tls = new Properties();
            tls.setProperty("mail.smtp.starttls.enable", "true");
            tls.setProperty("mail.smtp.starttls.required", "true");
            // The test trusts the center's self-signed certificate for this host; phones pin it or use a CA-signed one.
            tls.setProperty("mail.smtp.ssl.trust", "127.0.0.1");
            rig.deliver(mail, phone, tls);
            assertThat(rig.awaitMails(phone, "result", 1)).hasSize(1);
        }
    }
}
