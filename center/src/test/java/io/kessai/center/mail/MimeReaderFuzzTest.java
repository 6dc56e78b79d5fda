package io.kessai.center.mail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Whatever bytes arrive by mail, reading them, finding an envelope and reading a reply form end in a
 * result or a {@link MailFormatException}: never another exception. Regression mode in ./mvnw verify
 * replays the seeds in MimeReaderFuzzTestInputs/; fuzz for real with
 * {@code JAZZER_FUZZ=1 ./mvnw -pl center test -Dtest=MimeReaderFuzzTest}.
 */
class MimeReaderFuzzTest {
    private static final Set<String> KEYS = Set.of("payment_method", "installments", "customer_email");

    @FuzzTest(maxDuration = "10s")
    void readAndFind(byte[] input) {
        try {
            InboundMail mail = MimeReader.read(input);
            try {
                EnvelopeFinder.find(mail);
            } catch (MailFormatException expected) {
                // the only acceptable way to refuse
            }
        } catch (MailFormatException expected) {
            // same
        }
        try {
            ReplyForm.answers(new String(input, StandardCharsets.UTF_8), KEYS);
        } catch (MailFormatException expected) {
            // same
        }
    }
}
