package io.kessai.center.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a center behind a normal mail system: takes the envelope mails out of an IMAP mailbox. Each
 * message is handed to {@link MailChannel} and then moved to the processed folder (or the rejected one);
 * a message the center could not take in (database away) stays in the inbox for the next round. Waits
 * with IMAP IDLE (RFC 2177) where the server offers it, else polls.
 */
public final class ImapPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImapPoller.class);
    private static final int MAX_MESSAGES_PER_ROUND = 500;
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final long JOIN_MILLIS = 5_000;

    private final ImapSettings settings;
    private final MailChannel channel;
    private final Session session;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Store store;
    private Thread thread;

    public ImapPoller(ImapSettings settings, MailChannel channel) {
        this.settings = settings;
        this.channel = channel;
        this.session = Session.getInstance(properties(settings));
    }

    static Properties properties(ImapSettings settings) {
        String protocol = settings.ssl() ? "imaps" : "imap";
        Properties p = new Properties();
        p.setProperty("mail.store.protocol", protocol);
        p.setProperty("mail." + protocol + ".connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        p.setProperty("mail." + protocol + ".timeout", Integer.toString(TIMEOUT_MILLIS * 10));
        if (!settings.ssl() && !settings.plainAllowed()) {
            p.setProperty("mail.imap.starttls.enable", "true");
            p.setProperty("mail.imap.starttls.required", "true");
        }
        return p;
    }

    public void start() {
        if (running.compareAndSet(false, true)) {
            thread = Thread.ofPlatform().name("mail-imap").daemon().start(this::run);
        }
    }

    private void run() {
        while (running.get()) {
            try {
                Store connected = session.getStore();
                connected.connect(settings.host(), settings.port(), settings.user(), settings.password());
                store = connected;
                IMAPFolder inbox = (IMAPFolder) connected.getFolder(settings.inbox());
                Folder processed = ensure(connected, settings.processedFolder());
                Folder rejected = ensure(connected, settings.rejectedFolder());
                inbox.open(Folder.READ_WRITE);
                boolean idle = connected instanceof IMAPStore imap && imap.hasCapability("IDLE");
                while (running.get()) {
                    round(inbox, processed, rejected);
                    if (idle) {
                        inbox.idle(true);
                    } else {
                        Thread.sleep(settings.pollInterval().toMillis());
                        inbox.getMessageCount();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (MessagingException | RuntimeException e) {
                if (running.get()) {
                    LOG.warn("IMAP mailbox {}: {}; again in {} s", settings, e.getMessage(), settings.pollInterval().toSeconds());
                    sleep();
                }
            } finally {
                closeStore();
            }
        }
    }

    /** One pass over the inbox: take each message in, then move it out. */
    int round(IMAPFolder inbox, Folder processed, Folder rejected) throws MessagingException {
        int count = Math.min(inbox.getMessageCount(), MAX_MESSAGES_PER_ROUND);
        if (count == 0) {
            return 0;
        }
        Message[] messages = inbox.getMessages(1, count);
        int taken = 0;
        for (Message message : messages) {
            if (message.isSet(Flags.Flag.DELETED)) {
                continue;
            }
            byte[] raw = raw(message);
            MailStore.Disposition disposition;
            try {
                disposition = channel.receive(raw, sender(message));
            } catch (RuntimeException e) {
                // Left in the inbox: the next round tries it again.
                LOG.warn("IMAP message not taken in: {}", e.toString());
                continue;
            }
            Folder target = disposition == MailStore.Disposition.REJECTED ? rejected : processed;
            move(inbox, message, target);
            taken++;
        }
        inbox.expunge();
        return taken;
    }

    private static void move(IMAPFolder inbox, Message message, Folder target) throws MessagingException {
        if (inbox.getStore() instanceof IMAPStore imap && imap.hasCapability("MOVE")) {
            inbox.moveMessages(new Message[] {message}, target);
        } else {
            inbox.copyMessages(new Message[] {message}, target);
            message.setFlag(Flags.Flag.DELETED, true);
        }
    }

    private static byte[] raw(Message message) throws MessagingException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("cannot read message: " + e.getMessage(), e);
        }
    }

    private static String sender(Message message) {
        try {
            if (message instanceof MimeMessage mime && mime.getHeader("Return-Path", null) != null) {
                String path = mime.getHeader("Return-Path", null).replaceAll("[<>\\s]", "");
                return path;
            }
            return message.getFrom() != null && message.getFrom().length > 0 && message.getFrom()[0] instanceof InternetAddress a
                    ? a.getAddress() : "";
        } catch (MessagingException e) {
            return "";
        }
    }

    private static Folder ensure(Store store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists()) {
            folder.create(Folder.HOLDS_MESSAGES);
        }
        return folder;
    }

    private void sleep() {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeStore() {
        Store current = store;
        store = null;
        if (current != null) {
            try {
                current.close();
            } catch (MessagingException e) {
                LOG.debug("closing IMAP: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        closeStore();
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
