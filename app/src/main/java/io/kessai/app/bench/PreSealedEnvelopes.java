package io.kessai.app.bench;

import io.kessai.card.CardDataException;
import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.reader.CardReader;
import io.kessai.reader.ReaderException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The envelopes of a run, sealed before the clock starts: reader-side crypto is not what a run measures.
 * Envelope {@code i} comes from reader {@code i mod R} (each reader's KSNs in order) and card
 * {@code i mod cards}. Readers seal in parallel, each on one thread (a reader is one keypad).
 */
final class PreSealedEnvelopes {
    static final Currency JPY = Currency.getInstance("JPY");

    private PreSealedEnvelopes() {}

    static List<byte[]> seal(List<CardReader> readers, List<String> track2s, long count, long amountMinor, int threads)
            throws InterruptedException, ReaderException, CardDataException {
        if (readers.isEmpty() || track2s.isEmpty() || count < 0 || count > Integer.MAX_VALUE || threads < 1) {
            throw new IllegalArgumentException("need readers, cards, 0.." + Integer.MAX_VALUE + " envelopes and a thread");
        }
        int readerCount = readers.size();
        List<List<byte[]>> perReader = new ArrayList<>(readerCount);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<byte[]>>> sealed = new ArrayList<>(readerCount);
            LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
            for (int r = 0; r < readerCount; r++) {
                int readerIndex = r;
                sealed.add(pool.submit(() -> sealFor(readers.get(readerIndex), readerIndex, readerCount, track2s, count,
                        amountMinor, now)));
            }
            for (Future<List<byte[]>> future : sealed) {
                perReader.add(future.get());
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ReaderException readerException) {
                throw readerException;
            }
            if (cause instanceof CardDataException cardDataException) {
                throw cardDataException;
            }
            throw new IllegalStateException("sealing failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
        List<byte[]> envelopes = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            envelopes.add(perReader.get(i % readerCount).get(i / readerCount));
        }
        return envelopes;
    }

    /** Envelopes {@code readerIndex, readerIndex + R, …} of the run, all from this reader. */
    private static List<byte[]> sealFor(CardReader reader, int readerIndex, int readerCount, List<String> track2s, long count,
            long amountMinor, LocalDateTime localDateTime) throws ReaderException, CardDataException {
        List<byte[]> envelopes = new ArrayList<>();
        for (long i = readerIndex; i < count; i += readerCount) {
            TrackRead card = TrackRead.of(Track2.parse(track2s.get((int) (i % track2s.size()))), Optional.empty());
            envelopes.add(reader.seal(card, amountMinor, JPY, null, localDateTime).toBytes());
        }
        return envelopes;
    }
}
