package io.kessai.app.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Outcomes of a load run, counted from many threads. Errors are also counted by their code (bounded: a
 * run that fails in many ways reports the first {@link #MAX_ERROR_CODES} codes and lumps the rest).
 */
final class OutcomeCounts {
    static final int MAX_ERROR_CODES = 32;
    static final String OTHER_ERRORS = "other";

    private final EnumMap<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);
    private final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();

    OutcomeCounts() {
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    void count(Outcome outcome) {
        if (outcome == Outcome.ERROR) {
            throw new IllegalArgumentException("count an error with its code: countError(code)");
        }
        counts.get(outcome).increment();
    }

    void countError(String code) {
        counts.get(Outcome.ERROR).increment();
        String key = errorCodes.size() < MAX_ERROR_CODES || errorCodes.containsKey(code) ? code : OTHER_ERRORS;
        errorCodes.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    long get(Outcome outcome) {
        return counts.get(outcome).sum();
    }

    long total() {
        long total = 0;
        for (LongAdder count : counts.values()) {
            total += count.sum();
        }
        return total;
    }

    /** Error codes and their counts, sorted by code. */
    Map<String, Long> errors() {
        Map<String, Long> sorted = new TreeMap<>();
        errorCodes.forEach((code, count) -> sorted.put(code, count.sum()));
        return sorted;
    }
}
