package io.kessai.center.mail;

import io.kessai.center.journal.Payment;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The slip (売上票) of a completed payment as a PDF receipt: merchant, terminal, masked card, amount,
 * approval code, reference numbers and the answers to the additional items. The PAN appears only as the
 * journal keeps it (first 6 / last 4). Labels are ASCII because the PDF's standard fonts have no
 * Japanese glyphs and embedding a CJK font would add megabytes to the center; the mail text around the
 * slip carries the Japanese.
 */
public final class ReceiptPdf {
    private static final float MARGIN_POINTS = 36f;
    private static final float TITLE_POINTS = 16f;
    private static final float BODY_POINTS = 10f;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ReceiptPdf() {}

    public static byte[] render(Payment payment, Map<String, String> answers, String centerName) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Payment", payment.id());
        rows.put("Merchant", payment.merchantId());
        rows.put("Terminal", payment.terminalId());
        rows.put("Reader", payment.readerSerial());
        rows.put("Date", TIME.format(payment.transmittedAt().orElse(payment.createdAt())));
        rows.put("Card", payment.panMasked());
        rows.put("Entry mode", payment.entryMode() + (payment.pinPresent() ? " (PIN)" : ""));
        rows.put("Amount", formatAmount(payment.amountMinor(), payment.currency()));
        rows.put("Approval code", payment.approvalCode().orElse("-"));
        rows.put("RRN", payment.rrn().orElse("-"));
        rows.put("STAN", payment.stan().map(String::valueOf).orElse("-"));
        answers.forEach((key, value) -> rows.put(key, asciiOrCodes(value)));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A6, MARGIN_POINTS, MARGIN_POINTS, MARGIN_POINTS, MARGIN_POINTS);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("Kessai slip " + payment.id());
            document.addCreator(centerName);
            document.open();
            document.add(new Paragraph("Kessai - slip / receipt", FontFactory.getFont(FontFactory.HELVETICA_BOLD, TITLE_POINTS)));
            document.add(new Paragraph(asciiOrCodes(centerName), FontFactory.getFont(FontFactory.HELVETICA, BODY_POINTS)));
            PdfPTable table = new PdfPTable(2);
            table.setWidthPercentage(100f);
            Font label = FontFactory.getFont(FontFactory.HELVETICA_BOLD, BODY_POINTS);
            Font value = FontFactory.getFont(FontFactory.HELVETICA, BODY_POINTS);
            rows.forEach((k, v) -> {
                table.addCell(new Paragraph(k, label));
                table.addCell(new Paragraph(v, value));
            });
            table.setSpacingBefore(BODY_POINTS);
            document.add(table);
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot write the slip of " + payment.id() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Integer minor units as a decimal amount, never through floating point. */
    public static String formatAmount(long amountMinor, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(amountMinor, digits).toPlainString() + " " + currency;
    }

    /** Non-ASCII answers (a Japanese name) shown as code points rather than dropped by the standard fonts. */
    private static String asciiOrCodes(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7F) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("U+%04X ", cp));
            }
        });
        return out.toString().strip();
    }
}
