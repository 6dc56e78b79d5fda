package io.kessai.issuer.fault;

import java.util.Locale;
import java.util.Objects;

/**
 * A misbehaviour the issuer host puts on an answer, for testing the acquirer side (timeouts,
 * reversals, reconnects, decoder errors). The transaction itself is decided and journaled as
 * usual: a dropped answer is an approval the acquirer never heard of, which is exactly the case
 * its reversal logic exists for.
 *
 * <p>Written {@code delay:MS}, {@code drop}, {@code close} or {@code garbage} (accounts file column
 * {@code fault}, command-line {@code --fault}).
 *
 * @param delayMillis the delay for {@link Kind#DELAY}, 0 for the other kinds
 */
public record Fault(Kind kind, long delayMillis) {
    /** Longest delay a fault may ask for: longer than any acquirer timeout, short enough to drain. */
    public static final long MAX_DELAY_MILLIS = 600_000;

    public enum Kind {
        /** Answer after {@link #delayMillis()}; other answers on the connection are not held back. */
        DELAY,
        /** Decide and journal, never answer. */
        DROP,
        /** Close the connection instead of answering. */
        CLOSE,
        /** Answer with a well-framed body that is not ISO 8583. */
        GARBAGE
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.DELAY ? delayMillis < 1 || delayMillis > MAX_DELAY_MILLIS : delayMillis != 0) {
            throw new IllegalArgumentException("delay must be 1.." + MAX_DELAY_MILLIS + " ms for delay, 0 otherwise");
        }
    }

    public static Fault delay(long millis) {
        return new Fault(Kind.DELAY, millis);
    }

    public static Fault of(Kind kind) {
        return new Fault(kind, 0);
    }

    /**
     * Reads {@code delay:MS}, {@code drop}, {@code close} or {@code garbage}.
     *
     * @throws IllegalArgumentException with a sentence naming what is wrong
     */
    public static Fault parse(String text) {
        String spec = text.strip().toLowerCase(Locale.ROOT);
        if (spec.startsWith("delay:")) {
            String millis = spec.substring("delay:".length());
            long value;
            try {
                value = Long.parseLong(millis);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault delay '" + millis + "' is not a whole number of milliseconds");
            }
            if (value < 1 || value > MAX_DELAY_MILLIS) {
                throw new IllegalArgumentException("fault delay must be 1.." + MAX_DELAY_MILLIS + " ms, got " + value);
            }
            return delay(value);
        }
        return switch (spec) {
            case "drop" -> of(Kind.DROP);
            case "close" -> of(Kind.CLOSE);
            case "garbage" -> of(Kind.GARBAGE);
            default -> throw new IllegalArgumentException(
                    "fault '" + text.strip() + "' is not one of delay:MS, drop, close, garbage");
        };
    }

    /** The written form, as {@link #parse} reads it. */
    public String format() {
        return kind == Kind.DELAY ? "delay:" + delayMillis : kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return format();
    }
}
