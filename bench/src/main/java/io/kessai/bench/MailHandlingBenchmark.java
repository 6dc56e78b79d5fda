package io.kessai.bench;

import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.center.flow.FlowDirectory.ItemQuestion;
import io.kessai.center.flow.FlowDirectory.ResponseRule.Outcome;
import io.kessai.center.flow.TerminalReply;
import io.kessai.center.journal.Payment;
import io.kessai.center.journal.PaymentState;
import io.kessai.center.mail.EnvelopeFinder;
import io.kessai.center.mail.MailComposer;
import io.kessai.center.mail.MimeReader;
import io.kessai.center.mail.OutgoingMail;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.hsm.ReaderKeyMaterial;
import io.kessai.crypto.hsm.SoftwareHsm;
import io.kessai.reader.CardReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the e-mail channel adds to a payment on the center's CPU, without the flow and the database:
 * reading a phone's mail and finding its envelope (attached, or armored in a quoted-printable
 * Shift_JIS body), and writing the result and additional-items mails (MIME, base64, armor).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider")
@State(Scope.Benchmark)
public class MailHandlingBenchmark {
    byte[] attachedMail;
    byte[] armoredMail;
    MailComposer composer;
    Payment payment;
    TerminalReply reply;
    List<ItemQuestion> questions;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        SoftwareHsm hsm = SoftwareHsm.inMemory();
        hsm.generateBdk("bdk", KeyScheme.AES128_DUKPT);
        ReaderKeyMaterial material = hsm.injectReader("bdk", "R-MAIL-BENCH");
        CardReader reader = CardReader.provision(Files.createTempDirectory("mail-bench").resolve("r.reader"), material, "M-1", "T0000001");
        SealedEnvelope envelope = reader.seal(TrackRead.of(Track2.parse("4111111111111111=30121010000012345678"), Optional.empty()), 1000,
                Currency.getInstance("JPY"), "1234".toCharArray(), LocalDateTime.of(2026, 11, 21, 10, 0));
        String headers = "From: phone@docomo.ne.jp\r\nTo: pay@center.test\r\nSubject: =?ISO-2022-JP?B?GyRCN2g6URsoQg==?=\r\n"
                + "Message-ID: <bench@phone.test>\r\nMIME-Version: 1.0\r\n";
        attachedMail = (headers + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "payment\r\n--b\r\nContent-Type: application/octet-stream; name=IMG_0001.dat\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(envelope.toBytes()) + "\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);
        armoredMail = (headers + "Content-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "=8C=88=8D=CF=82=C5=82=B7\r\n\r\n" + envelope.toArmored().replace("=", "=3D").replace("\n", "\r\n")
                + "-- \r\n=8E=52=93=63\r\n").getBytes(StandardCharsets.US_ASCII);
        composer = new MailComposer("pay@center.test", "Bench center", Clock.systemUTC());
        payment = new Payment("pay_bench", 1, envelope.ksnHex(), "00", Payment.Channel.EMAIL, "R-MAIL-BENCH", "M-1", "T0000001", 1,
                LocalDateTime.of(2026, 11, 21, 10, 0), PaymentState.ADDITIONAL_ITEMS_REQUESTED, 1000, "JPY", "411111******1111", "901",
                true, Optional.of("visa"), Optional.of(1), Optional.of(Instant.now()), Optional.of("632518000001"), Optional.of("00"),
                Optional.of("A12345"), Optional.of("APPROVED"), Optional.empty(), Optional.empty(), Optional.empty(), Instant.now(),
                Instant.now());
        questions = List.of(new ItemQuestion("payment_method", "お支払い方法", "Payment method", true, 2),
                new ItemQuestion("installments", "分割回数", "Installments", false, 2));
        reply = new TerminalReply("pay_bench", Outcome.APPROVED, "00", Optional.of("A12345"), "", "承認されました", "Approved",
                new byte[80], questions, false, TerminalReply.Charge.of(payment));
    }

    @Benchmark
    public byte[] readAttachedEnvelope() throws Exception {
        return EnvelopeFinder.find(MimeReader.read(attachedMail));
    }

    @Benchmark
    public byte[] readArmoredShiftJisQuotedPrintable() throws Exception {
        return EnvelopeFinder.find(MimeReader.read(armoredMail));
    }

    @Benchmark
    public int writeResultAndItemsMails() {
        OutgoingMail result = composer.result("phone@docomo.ne.jp", "bench@phone.test", reply);
        OutgoingMail items = composer.itemsRequest("phone@docomo.ne.jp", "bench@phone.test", reply.paymentId(), questions);
        return result.raw().length + items.raw().length;
    }
}
