package io.kessai.app.up;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.List;

/**
 * The demo phones' mail provider for {@code kessai up} (ADR 0005): an in-process SMTP server the center's
 * outbox relays through (127.0.0.1:3025) and an IMAP server the phones read their mail from
 * (127.0.0.1:1143). Each demo phone's mailbox logs in with its address as user name and password.
 * Its mail is kept in memory only: the center's outbox is the durable part.
 */
final class DemoMailbox implements AutoCloseable {
    static final int RELAY_PORT = 3025;
    static final int IMAP_PORT = 1143;
    static final String HOST = "127.0.0.1";

    private final GreenMail greenMail;

    private DemoMailbox(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static DemoMailbox start(List<String> phoneAddresses) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(RELAY_PORT, HOST, ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(IMAP_PORT, HOST, ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        for (String address : phoneAddresses) {
            greenMail.setUser(address, address, address);
        }
        return new DemoMailbox(greenMail);
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
