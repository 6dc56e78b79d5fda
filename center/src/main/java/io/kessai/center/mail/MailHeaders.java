package io.kessai.center.mail;

/** The center's own headers on every mail it sends (docs/protocol/mail.md). */
public final class MailHeaders {
    /** result, items, confirmation, error. */
    public static final String KIND = "X-Kessai-Kind";
    /** The payment the mail is about. */
    public static final String PAYMENT = "X-Kessai-Payment";
    /** On result mails, for the phone's screen (the sealed result is what counts): approved, declined, reenter, unavailable. */
    public static final String OUTCOME = "X-Kessai-Outcome";
    public static final String RESPONSE_CODE = "X-Kessai-Response-Code";
    public static final String APPROVAL_CODE = "X-Kessai-Approval-Code";
    public static final String REASON = "X-Kessai-Reason";
    /** The envelope's MIME type, as an attachment. */
    public static final String ENVELOPE_TYPE = "application/vnd.kessai.envelope";
    /** The sealed result's MIME type, as an attachment. */
    public static final String RESULT_TYPE = "application/vnd.kessai.result";

    private MailHeaders() {}
}
