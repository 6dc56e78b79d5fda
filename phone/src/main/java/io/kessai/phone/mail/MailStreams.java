package io.kessai.phone.mail;

/**
 * Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader on every MIME encode and decode
 * (jakartaee/mail-api#861), which scans the class path each time and made a mail cost milliseconds of
 * jar reading. Naming the provider in the system property the API checks first turns that into a cached
 * class look-up. Set once, only when nobody set it.
 */
public final class MailStreams {
    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreams() {}

    public static void preferAngus() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, ANGUS);
        }
    }
}
