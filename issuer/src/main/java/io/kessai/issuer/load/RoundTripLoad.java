package io.kessai.issuer.load;

import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.Dialect;
import io.kessai.iso8583.Dialects;
import io.kessai.iso8583.IsoFormatException;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.Mti;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The acquirer side of the round-trip benchmark: one TCP connection, requests pipelined up to a window
 * (a new one goes out as soon as an answer frees a place), every answer read, decoded and checked.
 * 0100s with the 2-byte binary length header, for the given cards in turn; STAN, DE 7 and the RRN make
 * each key new, so every request is decided (none is a re-send).
 *
 * <p>Two threads: this one writes, a reader reads. Latency is measured per request (write to read).
 */
public final class RoundTripLoad {
    public static final int MAX_WINDOW = 65_536;
    private static final int STANS = 1_000_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;
    private static final long AMOUNT_MINOR = 1_000;
    private static final int SOCKET_BUFFER_BYTES = 1 << 20;
    private static final int BYTE_MASK = 0xFF;
    private static final int MAX_FRAME_BYTES = 65_535;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long SECONDS_PER_HOUR = 3_600;
    private static final long SECONDS_PER_MINUTE = 60;
    private static final long MINUTES_PER_HOUR = 60;
    private static final int RRN_DIGITS = 12;
    private static final int TERMINAL_DIGITS = 6;
    private static final int DECIMAL_BASE = 10;
    private static final int STAN_DIGITS = 6;
    private static final int TRANSMISSION_DIGITS = 10;
    /** DE 7 is 01 01 hh mm ss: January 1st, MMDD written as the number 0101 in front of hhmmss. */
    private static final long TRANSMISSION_PREFIX = 101_000_000L;
    private static final String TERMINAL_PREFIX = "LD000000";
    private static final int PAN_FIELD = 0;
    private static final int TRANSMISSION_FIELD = 1;
    private static final int STAN_FIELD = 2;
    private static final int RRN_FIELD = 3;
    private static final int TERMINAL_FIELD = 4;
    private static final long MARKER_NUMBER = 0;
    /** Digits that no test card starts with, cut to the cards' length. */
    private static final String PAN_MARKER = "1357913579135791357";
    private static final long NANOS_PER_MICRO = 1_000;
    private static final double P50 = 0.50;
    private static final double P99 = 0.99;

    private final String host;
    private final int port;
    private final List<String> pans;
    private final int window;
    private final Dialect dialect = Dialects.kessai();
    private final RequestTemplate template;

    public RoundTripLoad(String host, int port, List<String> pans, int window) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.pans = List.copyOf(pans);
        if (this.pans.isEmpty()) {
            throw new IllegalArgumentException("the load needs at least one card");
        }
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be 1.." + MAX_WINDOW + ", got " + window);
        }
        this.window = window;
        int panLength = this.pans.get(0).length();
        if (this.pans.stream().anyMatch(pan -> pan.length() != panLength)) {
            throw new IllegalArgumentException("the load's cards must all have the same number of digits");
        }
        this.template = template();
    }

    /**
     * Sends {@code warmup} then {@code count} authorizations; reports on the {@code count} only.
     * Request numbers start at {@code firstNumber}, so runs against one store never repeat a key.
     */
    public LoadReport run(long firstNumber, int warmup, int count) throws IOException, InterruptedException {
        if (warmup < 0 || count < 1) {
            throw new IllegalArgumentException("warm-up must be >= 0 and count >= 1");
        }
        int total = warmup + count;
        long[] sentNanos = new long[total];
        long[] latencyNanos = new long[count];
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            socket.setSendBufferSize(SOCKET_BUFFER_BYTES);
            socket.setReceiveBufferSize(SOCKET_BUFFER_BYTES);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            Semaphore places = new Semaphore(window);
            Reader reader = new Reader(new DataInputStream(new BufferedInputStream(socket.getInputStream(), SOCKET_BUFFER_BYTES)),
                    places, firstNumber, warmup, total,
                    sentNanos, latencyNanos);
            Thread readerThread = Thread.ofPlatform().name("load-reader").start(reader);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), SOCKET_BUFFER_BYTES);
            byte[] header = new byte[2];
            long measuredStartNanos = 0;
            try {
                for (int i = 0; i < total; i++) {
                    if (!places.tryAcquire()) {
                        out.flush(); // the window is full: what is buffered must reach the host to free it
                        if (!places.tryAcquire(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                            throw new IOException("no answer for " + READ_TIMEOUT_MILLIS + " ms with " + window
                                    + " requests in flight");
                        }
                    }
                    if (reader.failure.get() != null) {
                        break;
                    }
                    if (i == warmup) {
                        measuredStartNanos = System.nanoTime();
                    }
                    byte[] body = encoded(firstNumber + i);
                    header[0] = (byte) (body.length >>> Byte.SIZE);
                    header[1] = (byte) body.length;
                    sentNanos[i] = System.nanoTime();
                    out.write(header);
                    out.write(body);
                    if (places.availablePermits() == 0 || i == total - 1) {
                        out.flush();
                    }
                }
                out.flush();
                readerThread.join();
            } finally {
                readerThread.interrupt();
            }
            if (reader.failure.get() != null) {
                throw new IOException("load reader failed: " + reader.failure.get().getMessage(), reader.failure.get());
            }
            long elapsed = reader.lastAnswerNanos - measuredStartNanos;
            Arrays.sort(latencyNanos);
            return new LoadReport(count, reader.approved, reader.declined, elapsed,
                    percentile(latencyNanos, P50), percentile(latencyNanos, P99),
                    latencyNanos[count - 1] / NANOS_PER_MICRO, window, 0, 0);
        }
    }

    private static long percentile(long[] sortedNanos, double share) {
        int index = (int) Math.min(sortedNanos.length - 1, Math.round(share * (sortedNanos.length - 1)));
        return sortedNanos[index] / NANOS_PER_MICRO;
    }

    private byte[] encoded(long number) {
        return fill(template, number);
    }

    /** Request {@code number} as {@link #request} builds it, written into a copy of the template. */
    private byte[] fill(RequestTemplate into, long number) {
        byte[] request = into.copy();
        into.put(request, PAN_FIELD, pans.get((int) (number % pans.size())));
        into.putDigits(request, TRANSMISSION_FIELD, TRANSMISSION_PREFIX + hhmmss(number), TRANSMISSION_DIGITS);
        into.putDigits(request, STAN_FIELD, number % STANS, STAN_DIGITS);
        into.putDigits(request, RRN_FIELD, number, RRN_DIGITS);
        into.put(request, TERMINAL_FIELD, TERMINAL_PREFIX);
        into.putDigits(request, TERMINAL_FIELD, number / STANS % STANS, TERMINAL_DIGITS);
        return request;
    }

    /** Builds the template and checks that a patched request decodes to what {@link #request} builds. */
    private RequestTemplate template() {
        try {
            IsoMessage markers = request(MARKER_NUMBER).set(DataElement.PAN, PAN_MARKER.substring(0, pans.get(0).length()))
                    .set(DataElement.TRANSMISSION_DATE_TIME, "9876543210")
                    .set(DataElement.STAN, "135246")
                    .set(DataElement.RETRIEVAL_REFERENCE_NUMBER, "765432109876")
                    .set(DataElement.TERMINAL_ID, "ZYXWVUTS");
            RequestTemplate built = new RequestTemplate(markers, PAN_MARKER.substring(0, pans.get(0).length()), "9876543210",
                    "135246", "765432109876", "ZYXWVUTS");
            long probe = STANS + pans.size() + 1;
            IsoMessage expected = request(probe);
            IsoMessage patched = built.decode(dialect, fill(built, probe));
            if (!patched.equals(expected)) {
                throw new IllegalStateException("the request template does not reproduce the codec's request");
            }
            return built;
        } catch (IsoFormatException e) {
            throw new IllegalStateException("the load's own request does not encode: " + e.getMessage(), e);
        }
    }

    /** Request number {@code n}: card n mod cards, STAN n mod 10^6, DE 7 and terminal from n / 10^6, RRN = n. */
    IsoMessage request(long number) {
        return dialect.newMessage(Mti.AUTHORIZATION_REQUEST)
                .set(DataElement.PAN, pans.get((int) (number % pans.size())))
                .set(DataElement.PROCESSING_CODE, "000000")
                .amountMinor(AMOUNT_MINOR)
                .set(DataElement.TRANSMISSION_DATE_TIME, transmission(number))
                .stan((int) (number % STANS))
                .set(DataElement.ACQUIRING_INSTITUTION_ID, "999001")
                .set(DataElement.RETRIEVAL_REFERENCE_NUMBER, digits(number, RRN_DIGITS))
                .set(DataElement.TERMINAL_ID, terminal(number))
                .set(DataElement.CARD_ACCEPTOR_ID, "LOADGENERATOR01")
                .set(DataElement.CURRENCY_CODE_TRANSACTION, "392");
    }

    /** DE 7: a new second for each million requests, so STAN wrap-around never repeats a key. */
    private static String transmission(long number) {
        return digits(TRANSMISSION_PREFIX + hhmmss(number), TRANSMISSION_DIGITS);
    }

    /** hh mm ss as the number hhmmss. */
    private static long hhmmss(long number) {
        long seconds = number / STANS % SECONDS_PER_DAY;
        final long hundred = 100;
        return (seconds / SECONDS_PER_HOUR * hundred + seconds / SECONDS_PER_MINUTE % MINUTES_PER_HOUR) * hundred
                + seconds % SECONDS_PER_MINUTE;
    }

    private static String terminal(long number) {
        return TERMINAL_PREFIX.substring(0, 2) + digits(number / STANS % STANS, TERMINAL_DIGITS);
    }

    /** {@code value} in exactly {@code width} decimal digits, zero-padded (String.format is too slow here). */
    static String digits(long value, int width) {
        char[] out = new char[width];
        long rest = value;
        for (int i = width - 1; i >= 0; i--) {
            out[i] = (char) ('0' + rest % DECIMAL_BASE);
            rest /= DECIMAL_BASE;
        }
        assert rest == 0 : value + " is wider than " + width + " digits";
        return new String(out);
    }

    /** Reads answers, frees window places, counts and times them. */
    private final class Reader implements Runnable {
        private final DataInputStream in;
        private final Semaphore places;
        private final long firstNumber;
        private final int warmup;
        private final int total;
        private final long[] sentNanos;
        private final long[] latencyNanos;
        final AtomicReference<Exception> failure = new AtomicReference<>();
        long approved;
        long declined;
        volatile long lastAnswerNanos;

        Reader(DataInputStream in, Semaphore places, long firstNumber, int warmup, int total, long[] sentNanos,
                long[] latencyNanos) {
            this.in = in;
            this.places = places;
            this.firstNumber = firstNumber;
            this.warmup = warmup;
            this.total = total;
            this.sentNanos = sentNanos;
            this.latencyNanos = latencyNanos;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[MAX_FRAME_BYTES];
            try {
                for (int answered = 0; answered < total; answered++) {
                    int length = (in.readUnsignedByte() << Byte.SIZE) | (in.readUnsignedByte() & BYTE_MASK);
                    in.readFully(buffer, 0, length);
                    long now = System.nanoTime();
                    IsoMessage answer = dialect.decode(buffer, 0, length);
                    int index = (int) (Long.parseLong(answer.get(DataElement.RETRIEVAL_REFERENCE_NUMBER)) - firstNumber);
                    if (index >= warmup) {
                        latencyNanos[index - warmup] = now - sentNanos[index];
                        if ("00".equals(answer.responseCode())) {
                            approved++;
                        } else {
                            declined++;
                        }
                    }
                    lastAnswerNanos = now;
                    places.release();
                }
            } catch (IOException | IsoFormatException | RuntimeException e) {
                failure.set(e);
                places.release(window);
            }
        }
    }
}
