package io.kessai.center.wallet;

import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.openpdf.text.Document;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The slip of a completed wallet payment (S17, Fig. 6 k) as a PDF (OpenPDF): shop, date, items, amount,
 * payment method, card (masked: first 6 / last 4 at most), approval code. Latin text only, so the
 * standard PDF fonts render it everywhere without embedding a CJK font.
 */
public final class Slips {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(ZoneId.systemDefault());
    private static final float TITLE_SIZE = 16f;
    private static final float TEXT_SIZE = 10f;

    private Slips() {}

    public static String fileName(WalletRequest r) {
        return "kessai-slip-" + r.id() + ".pdf";
    }

    public static byte[] pdf(WalletRequest r, String merchantName) {
        if (r.state() != RequestState.COMPLETED && r.state() != RequestState.REFUNDED) {
            throw new IllegalStateException("a slip is issued for completed payments only, " + r.id() + " is " + r.state());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A6);
        PdfWriter.getInstance(document, out);
        document.open();
        Font title = new Font(Font.HELVETICA, TITLE_SIZE, Font.BOLD);
        Font text = new Font(Font.HELVETICA, TEXT_SIZE);
        document.add(new Paragraph("Kessai payment slip", title));
        document.add(new Paragraph(ascii(merchantName) + " (" + r.merchantId() + ")", text));
        document.add(new Paragraph("Date: " + WHEN.format(r.updatedAt()), text));
        document.add(new Paragraph("Payment: " + r.id(), text));
        if (!r.lines().isEmpty()) {
            PdfPTable table = new PdfPTable(3);
            table.setWidthPercentage(100f);
            for (WalletRequest.Line line : r.lines()) {
                String seats = line.seats().isEmpty() ? "" : " seats " + String.join(", ", line.seats());
                table.addCell(new Paragraph(ascii(line.name()) + seats, text));
                table.addCell(new Paragraph(line.quantity() + " x " + line.unitPriceMinor(), text));
                table.addCell(new Paragraph(Long.toString(line.totalMinor()), text));
            }
            document.add(table);
        }
        document.add(new Paragraph("Amount: " + r.amountMinor().orElseThrow() + " " + r.currency(), title));
        document.add(new Paragraph("Method: " + PaymentMethods.describe(r.paymentMethod().orElse(""), r.installments()), text));
        document.add(new Paragraph("Card: " + r.panMasked().orElse(""), text));
        document.add(new Paragraph("Approval code: " + r.approvalCode().orElse(""), text));
        if (r.state() == RequestState.REFUNDED) {
            document.add(new Paragraph("REFUNDED", title));
        }
        document.close();
        return out.toByteArray();
    }

    /** Latin-1 printable only; anything else becomes '?' rather than a missing glyph. */
    private static String ascii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.append(c >= 0x20 && c < 0x7F ? (char) c : '?'));
        return b.toString();
    }
}
