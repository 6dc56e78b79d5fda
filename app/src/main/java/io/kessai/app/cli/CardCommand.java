package io.kessai.app.cli;

import io.kessai.card.CardDataException;
import io.kessai.card.CardRead;
import io.kessai.card.Track1;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kessai card parse}: what a track or chip data says, with the PAN masked. */
@Command(name = "card", mixinStandardHelpOptions = true, description = "Card data: tracks and EMV chip data.",
        subcommands = CardCommand.Parse.class)
public final class CardCommand {

    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = "Parses --track1, --track2, --swipe or --tlv and prints the fields (PAN masked, secrets not shown).")
    static final class Parse implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CardInput input;

        @Override
        public Integer call() throws CardDataException {
            PrintWriter out = spec.commandLine().getOut();
            CardPrinter printer = new CardPrinter(out, Clock.systemDefaultZone());
            Optional<Track1> track1 = input.track1Only();
            if (track1.isPresent()) {
                out.println("card-read: track1");
                printer.printTrack1(track1.get());
                track1.get().destroy();
                return 0;
            }
            CardRead card = input.read();
            try {
                printer.print(card);
            } finally {
                card.destroy();
            }
            return 0;
        }
    }
}
