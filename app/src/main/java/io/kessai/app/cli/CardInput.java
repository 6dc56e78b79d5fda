package io.kessai.app.cli;

import io.kessai.app.UsageException;
import io.kessai.card.CardDataException;
import io.kessai.card.CardRead;
import io.kessai.card.ChipRead;
import io.kessai.card.ExpiryDate;
import io.kessai.card.ManualEntry;
import io.kessai.card.Pan;
import io.kessai.card.SwipeData;
import io.kessai.card.Track1;
import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** How a card is given on the command line: one of a track, a whole swipe, chip data or manual entry. */
final class CardInput {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--track2", paramLabel = "TRACK", description = "Track 2, with or without sentinels.")
        String track2;
        @Option(names = "--track1", paramLabel = "TRACK", description = "Track 1, with or without sentinels.")
        String track1;
        @Option(names = "--swipe", paramLabel = "DATA", description = "A whole swipe as readers emit it: %%B…?;…?")
        String swipe;
        @Option(names = "--tlv", paramLabel = "HEX", description = "EMV chip data (BER-TLV), as read from the card.")
        String tlvHex;
        @ArgGroup(exclusive = false)
        Manual manual;
    }

    static final class Manual {
        @Option(names = "--pan", required = true, paramLabel = "DIGITS", description = "Manual entry: card number.") String pan;
        @Option(names = "--expiry", required = true, paramLabel = "YYMM", description = "Manual entry: expiry.") String expiry;
        @Option(names = "--cvc", paramLabel = "DIGITS", description = "Manual entry: card verification code.") String cvc;
    }

    CardRead read() throws CardDataException {
        if (source.track2 != null) {
            return TrackRead.of(Track2.parse(source.track2), Optional.empty());
        }
        if (source.track1 != null) {
            throw new UsageException("--track1: a reader seals track 2 (alone or with track 1): use --track2 or --swipe");
        }
        if (source.swipe != null) {
            return TrackRead.fromSwipe(SwipeData.parseSwipe(source.swipe));
        }
        if (source.tlvHex != null) {
            return ChipRead.decode(HexArgument.decode("--tlv", source.tlvHex));
        }
        Pan pan = Pan.of(source.manual.pan);
        ExpiryDate expiry = ExpiryDate.parseYymm(source.manual.expiry);
        return source.manual.cvc == null ? ManualEntry.of(pan, expiry) : ManualEntry.of(pan, expiry, source.manual.cvc.toCharArray());
    }

    /** For {@code card parse}, which also accepts a lone track 1. */
    Optional<Track1> track1Only() throws CardDataException {
        return source.track1 == null ? Optional.empty() : Optional.of(Track1.parse(source.track1));
    }
}
