package io.kessai.center.mail;

import io.kessai.crypto.envelope.Armor;
import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.SealedEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds the reader's envelope in a mail: an attachment of any name (binary or armored), else an armored
 * block in a text body, quoted or not. Only the format is checked here; the MAC is the flow's job.
 * Exactly one envelope per mail: two different ones are refused rather than guessed between.
 */
public final class EnvelopeFinder {
    private EnvelopeFinder() {}

    public static byte[] find(InboundMail mail) throws MailFormatException {
        List<byte[]> found = new ArrayList<>();
        MailFormatException damaged = null;
        for (InboundMail.Attachment attachment : mail.attachments()) {
            try {
                add(found, SealedEnvelope.parseAny(attachment.bytes()).toBytes());
            } catch (EnvelopeException e) {
                // A carrier's logo or a vCard is no envelope; an attachment that says it is one and is not, is damaged.
                boolean claimsEnvelope = attachment.contentType().toLowerCase(Locale.ROOT).equals(MailHeaders.ENVELOPE_TYPE)
                        || Armor.ENVELOPE.foundIn(new String(attachment.bytes(), StandardCharsets.US_ASCII));
                if (claimsEnvelope && damaged == null) {
                    damaged = new MailFormatException(MailFormatException.Code.ENVELOPE_DAMAGED,
                            "the attachment '" + attachment.fileName() + "' is not a valid envelope: " + e.getMessage());
                }
            }
        }
        if (found.isEmpty()) {
            for (String text : mail.texts()) {
                if (!Armor.ENVELOPE.foundIn(text)) {
                    continue;
                }
                try {
                    add(found, SealedEnvelope.parseArmored(text).toBytes());
                } catch (EnvelopeException e) {
                    if (damaged == null) {
                        damaged = new MailFormatException(MailFormatException.Code.ENVELOPE_DAMAGED,
                                "the envelope in the text was damaged on the way: " + e.getMessage());
                    }
                }
            }
        }
        if (found.size() > 1) {
            throw new MailFormatException(MailFormatException.Code.SEVERAL_ENVELOPES,
                    "the mail holds " + found.size() + " different envelopes; send one envelope per mail");
        }
        if (found.size() == 1) {
            return found.getFirst();
        }
        if (damaged != null) {
            throw damaged;
        }
        throw new MailFormatException(MailFormatException.Code.NO_ENVELOPE, "the mail holds no envelope: attach the reader's envelope"
                + " or paste it into the text between '" + Armor.ENVELOPE.begin() + "' and '" + Armor.ENVELOPE.end() + "'");
    }

    private static void add(List<byte[]> found, byte[] envelope) {
        for (byte[] known : found) {
            if (Arrays.equals(known, envelope)) {
                return;
            }
        }
        found.add(envelope);
    }
}
