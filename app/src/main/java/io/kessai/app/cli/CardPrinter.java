package io.kessai.app.cli;

import io.kessai.card.CardRead;
import io.kessai.card.Hex;
import io.kessai.card.ChipRead;
import io.kessai.card.ManualEntry;
import io.kessai.card.ServiceCode;
import io.kessai.card.Track1;
import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.card.tlv.EmvTags;
import io.kessai.card.tlv.Tlv;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Prints a card read as "key: value" lines, the PAN masked (first 6 / last 4, PCI DSS 3.4.1), track
 * discretionary data and card verification codes never shown.
 */
final class CardPrinter {
    private final PrintWriter out;
    private final LocalDate today;

    CardPrinter(PrintWriter out, Clock clock) {
        this.out = out;
        this.today = LocalDate.now(clock);
    }

    void print(CardRead card) {
        switch (card) {
            case TrackRead track -> {
                out.println("card-read: track");
                printTrack2(track.track2());
                track.track1().ifPresent(this::printTrack1Name);
            }
            case ChipRead chip -> {
                out.println("card-read: chip");
                printPanAndExpiry(card);
                chip.panSequenceNumber().ifPresent(psn -> out.println("pan-sequence-number: " + psn));
                printTlv(chip.iccData(), 0);
            }
            case ManualEntry manual -> {
                out.println("card-read: manual");
                printPanAndExpiry(card);
                out.println("card-verification-code: " + (manual.cardVerificationCode().isPresent() ? "present" : "absent"));
            }
        }
        out.println("entry-mode: " + card.entryMode(true).de22() + (card.fallback() ? " (chip card swiped: fallback)" : ""));
    }

    void printTrack2(Track2 track) {
        out.println("pan: " + track.pan().masked());
        out.println("bin: " + track.pan().bin6());
        printExpiry(track.expiry().yymm(), track.expiry().isExpiredOn(today));
        printServiceCode(track.serviceCode());
        out.println("discretionary-data: " + track.discretionaryDataLength() + " characters (not shown)");
    }

    void printTrack1(Track1 track) {
        out.println("pan: " + track.pan().masked());
        out.println("bin: " + track.pan().bin6());
        printTrack1Name(track);
        printExpiry(track.expiry().yymm(), track.expiry().isExpiredOn(today));
        printServiceCode(track.serviceCode());
        out.println("discretionary-data: " + track.discretionaryDataLength() + " characters (not shown)");
    }

    void printTlv(List<Tlv> tlvs, int depth) {
        for (Tlv tlv : tlvs) {
            String name = EmvTags.lookup(tlv.tag()).map(info -> " " + info.name()).orElse("");
            out.println("tlv: " + "  ".repeat(depth) + tlv.tag().hex() + name + " = " + valueOf(tlv));
            if (tlv.constructed()) {
                printTlv(tlv.children(), depth + 1);
            }
        }
    }

    private static String valueOf(Tlv tlv) {
        if (tlv.constructed()) {
            return "(" + tlv.children().size() + " objects)";
        }
        // PAN, track equivalents and the cardholder name are card data: length only.
        return EmvTags.isSensitive(tlv.tag()) ? "<masked, " + tlv.length() + " bytes>" : Hex.encode(tlv.value());
    }

    private void printTrack1Name(Track1 track) {
        out.println("name: " + track.name());
    }

    private void printPanAndExpiry(CardRead card) {
        out.println("pan: " + card.pan().masked());
        out.println("bin: " + card.pan().bin6());
        printExpiry(card.expiry().yymm(), card.expiry().isExpiredOn(today));
    }

    private void printExpiry(String yymm, boolean expired) {
        out.println("expiry: " + yymm + (expired ? " (expired)" : ""));
    }

    private void printServiceCode(ServiceCode code) {
        out.println("service-code: " + code + " (" + code.describe() + ")");
        out.println("chip-card: " + (code.hasChip() ? "yes" : "no"));
    }
}
