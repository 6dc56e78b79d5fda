package io.kessai.iso8583.link;

import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.Dialect;
import io.kessai.iso8583.Dialects;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.Mti;
import io.kessai.iso8583.ResponseCode;
import io.kessai.iso8583.link.iso.IsoLinkCodec;
import io.kessai.iso8583.link.iso.IsoNetworkManagement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Round trips per second over one pipelined loopback connection: a {@link LinkClient} against a
 * {@link LinkServer} whose handler answers at once. Not a test (nothing asserts); run it by hand:
 *
 * <pre>
 * ./mvnw -q -pl iso8583 -am test-compile
 * java -cp iso8583/target/classes:iso8583/target/test-classes:card/target/classes \
 *     io.kessai.iso8583.link.LinkLoadHarness iso 10 512 2
 * </pre>
 *
 * Arguments: {@code test|iso} (a trivial message or a realistic 0100/0110 through the ISO 8583 codec),
 * seconds measured (after a warm-up of the same length, at most 5 s), the in-flight window, and the
 * number of sending threads.
 */
public final class LinkLoadHarness {
    private static final int MAX_WARM_UP_SECONDS = 5;
    private static final int STANS = 1_000_000;

    private LinkLoadHarness() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "iso";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : LinkClientConfig.DEFAULT_MAX_IN_FLIGHT;
        int senders = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        switch (mode) {
            case "test" -> run(mode, seconds, window, senders, new TestCodec(), new TestManagement(),
                    Links.echoHost(), (sender, sequence) -> TestMessage.request(sender + "-" + sequence, "load"));
            case "iso" -> runIso(seconds, window, senders);
            default -> throw new IllegalArgumentException("mode must be test or iso, was " + mode);
        }
    }

    private static void runIso(int seconds, int window, int senders) throws Exception {
        Dialect dialect = Dialects.kessai();
        AtomicInteger managementStans = new AtomicInteger();
        LinkHandler<IsoMessage> issuer = (request, peer) -> CompletableFuture.completedFuture(
                request.createResponse().responseCode(ResponseCode.APPROVED));
        run("iso", seconds, window, senders, new IsoLinkCodec(dialect),
                new IsoNetworkManagement(dialect, () -> managementStans.incrementAndGet() % STANS, Clock.systemUTC()),
                issuer, (sender, sequence) -> authorization(dialect, sender, sequence));
    }

    /** A chip-less magstripe 0100 of the usual size (about 200 bytes), unique per sender and sequence. */
    private static IsoMessage authorization(Dialect dialect, int sender, long sequence) {
        return dialect.newMessage(Mti.AUTHORIZATION_REQUEST)
                .set(DataElement.PAN, "4111111111111111")
                .set(DataElement.PROCESSING_CODE, "000000")
                .amountMinor(12_800)
                // A fake clock: DE 7 moves on every million STANs, so (DE 7, STAN) never repeats.
                .set(DataElement.TRANSMISSION_DATE_TIME, Long.toString(1_000_000_000L + sequence / STANS))
                .stan((int) (sequence % STANS))
                .set(DataElement.LOCAL_TIME, "153000")
                .set(DataElement.LOCAL_DATE, "1121")
                .set(DataElement.EXPIRATION_DATE, "2812")
                .set(DataElement.POS_ENTRY_MODE, "901")
                .set(DataElement.POS_CONDITION_CODE, "00")
                .set(DataElement.ACQUIRING_INSTITUTION_ID, "123456")
                .set(DataElement.RETRIEVAL_REFERENCE_NUMBER, "532506000123")
                .set(DataElement.TERMINAL_ID, "TERM" + (1000 + sender))
                .set(DataElement.CARD_ACCEPTOR_ID, "KESSAI000000001")
                .set(DataElement.CURRENCY_CODE_TRANSACTION, "392");
    }

    @FunctionalInterface
    private interface RequestFactory<M> {
        M create(int sender, long sequence);
    }

    private static <M> void run(String mode, int seconds, int window, int senders, LinkCodec<M> codec,
            NetworkManagement<M> management, LinkHandler<M> handler, RequestFactory<M> requests) throws Exception {
        LinkServerConfig serverConfig = LinkServerConfig.builder(0).maxInFlightPerConnection(window).build();
        try (LinkServer<M> server = LinkServer.start(serverConfig, codec, handler, LinkListener.logging("load-host"))) {
            LinkClientConfig clientConfig = LinkClientConfig.builder("127.0.0.1", server.localPort())
                    .maxInFlight(window).windowWaitMillis(10_000).requestTimeoutMillis(30_000).build();
            try (LinkClient<M> client = LinkClient.start(clientConfig, codec, management, LinkListener.logging("load"))) {
                if (!client.awaitState(LinkState.READY, 5_000)) {
                    throw new IllegalStateException("link not READY: " + client.state());
                }
                LongAdder answered = new LongAdder();
                LongAdder failed = new LongAdder();
                long warmUpNanos = TimeUnit.SECONDS.toNanos(Math.min(seconds, MAX_WARM_UP_SECONDS));
                long measureNanos = TimeUnit.SECONDS.toNanos(seconds);
                long start = System.nanoTime();
                long stop = start + warmUpNanos + measureNanos;
                List<Thread> threads = new ArrayList<>();
                for (int sender = 0; sender < senders; sender++) {
                    int id = sender;
                    threads.add(Thread.ofVirtual().start(() -> send(client, requests, id, stop, answered, failed)));
                }
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(warmUpNanos));
                long answeredBefore = answered.sum();
                long measureStart = System.nanoTime();
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(measureNanos));
                long answeredAfter = answered.sum();
                long measuredNanos = System.nanoTime() - measureStart;
                for (Thread thread : threads) {
                    thread.join();
                }
                long roundTrips = answeredAfter - answeredBefore;
                System.out.printf("mode=%s window=%d senders=%d cores=%d: %d round trips in %d ms = %d/s (failed %d)%n",
                        mode, window, senders, Runtime.getRuntime().availableProcessors(), roundTrips,
                        TimeUnit.NANOSECONDS.toMillis(measuredNanos),
                        roundTrips * TimeUnit.SECONDS.toNanos(1) / measuredNanos, failed.sum());
            }
        }
    }

    private static <M> void send(LinkClient<M> client, RequestFactory<M> requests, int sender, long stopNanos,
            LongAdder answered, LongAdder failed) {
        long sequence = 0;
        try {
            while (System.nanoTime() - stopNanos < 0) {
                client.send(requests.create(sender, sequence++)).whenComplete((response, failure) -> {
                    if (failure == null) {
                        answered.increment();
                    } else {
                        failed.increment();
                    }
                });
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
