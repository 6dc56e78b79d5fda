package io.kessai.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time spent by this process and by its child processes (the embedded PostgreSQL and its backends),
 * read from {@code /proc} on Linux. On a shared machine wall-clock throughput says as much about the
 * neighbours as about Kessai; CPU time per payment says what a payment costs.
 */
public final class CpuMeter {
    /** USER_HZ: the unit of /proc/[pid]/stat times on every Linux architecture Java runs on. */
    static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    /** Fields 14–17 of /proc/[pid]/stat (1-based): utime, stime, cutime, cstime. */
    private static final int UTIME_FIELD = 14;

    /** CPU nanoseconds of this JVM and of its descendants (live ones and those already reaped). */
    public record Sample(long jvmNanos, long childrenNanos) {
        public Sample minus(Sample earlier) {
            return new Sample(jvmNanos - earlier.jvmNanos, childrenNanos - earlier.childrenNanos);
        }
    }

    private CpuMeter() {}

    /**
     * @param postgresPid the postmaster (first line of {@code postmaster.pid}); it counts with the backends
     *     it reaped (cutime, cstime), its live backends on their own
     */
    public static Optional<Sample> sample(long postgresPid) {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
            return Optional.empty();
        }
        long jvm = os.getProcessCpuTime();
        long[] postgres = {0};
        boolean readable = addTicks(postgresPid, true, postgres);
        ProcessHandle.of(postgresPid).ifPresent(p -> p.descendants().forEach(d -> addTicks(d.pid(), false, postgres)));
        return readable && jvm >= 0 ? Optional.of(new Sample(jvm, postgres[0] * NANOS_PER_TICK)) : Optional.empty();
    }

    /** The postmaster's process ID from its data directory. */
    public static Optional<Long> postmasterPid(Path dataDirectory) {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean addTicks(long pid, boolean withReaped, long[] total) {
        try {
            total[0] += ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")), withReaped);
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // gone in the meantime
        }
    }

    /** utime + stime (+ cutime + cstime) of one /proc/[pid]/stat line. */
    static long ticks(String stat, boolean withReaped) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        int first = UTIME_FIELD - 3;
        long ticks = Long.parseLong(fields[first]) + Long.parseLong(fields[first + 1]);
        if (withReaped) {
            ticks += Long.parseLong(fields[first + 2]) + Long.parseLong(fields[first + 3]);
        }
        return ticks;
    }
}
