package io.kessai.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The ISO 8583 codec's throughput per core, counted against this JVM's CPU time (every thread of the
 * process, so the garbage collector's work on the other core counts too) rather than the wall clock,
 * so that other programs on a shared machine do not count against it (the JMH figures in
 * docs/benchmarks.md are wall clock). One thread runs the operations; same message and same
 * operations as {@link Iso8583CodecBenchmark}.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.kessai.bench.CodecCpuThroughput</pre>
 */
public final class CodecCpuThroughput {
    private static final long WARM_UP_CPU_NANOS = 5_000_000_000L;
    private static final long ROUND_CPU_NANOS = 2_000_000_000L;
    private static final int ROUNDS = 5;
    /** Operations between two reads of the CPU clock (each read is a system call). */
    private static final int BATCH = 2_000;
    private static final double NANOS_PER_SECOND = 1e9;

    private CodecCpuThroughput() {}

    @FunctionalInterface
    private interface Operation {
        Object run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Iso8583CodecBenchmark state = new Iso8583CodecBenchmark();
        state.buildTheSameMessageTwice();
        OperatingSystemMXBean process = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        report(process, "kessai encode+decode", state::kessaiEncodeDecode);
        report(process, "j8583 encode+decode", state::j8583EncodeDecode);
        report(process, "kessai encode", state::kessaiEncode);
        report(process, "kessai decode", state::kessaiDecode);
    }

    private static void report(OperatingSystemMXBean process, String name, Operation operation) throws Exception {
        run(process, operation, WARM_UP_CPU_NANOS);
        double[] perCpuSecond = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            perCpuSecond[round] = run(process, operation, ROUND_CPU_NANOS);
        }
        java.util.Arrays.sort(perCpuSecond);
        System.out.printf(Locale.ROOT, "%-22s median %,12.0f ops per CPU-second (min %,.0f, max %,.0f)%n",
                name, perCpuSecond[ROUNDS / 2], perCpuSecond[0], perCpuSecond[ROUNDS - 1]);
    }

    /** Runs batches until {@code cpuNanos} of the process's CPU time are spent; returns ops per CPU-second. */
    private static double run(OperatingSystemMXBean process, Operation operation, long cpuNanos) throws Exception {
        long started = process.getProcessCpuTime();
        long operations = 0;
        long spent;
        Object sink = null;
        do {
            for (int i = 0; i < BATCH; i++) {
                sink = operation.run();
            }
            operations += BATCH;
            spent = process.getProcessCpuTime() - started;
        } while (spent < cpuNanos);
        if (sink == null) {
            throw new IllegalStateException("operation returned nothing");
        }
        return operations * NANOS_PER_SECOND / spent;
    }
}
