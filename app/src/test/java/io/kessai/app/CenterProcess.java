package io.kessai.app;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code kessai} command in a JVM of its own, on the test's class path, its output in a log file: a
 * center node that can be killed with SIGKILL, or {@code kessai up} stopped with SIGTERM.
 */
final class CenterProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    final Path log;

    private CenterProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code kessai ARGS...} with these environment variables added; output goes to {@code log}. */
    static CenterProcess start(Path log, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Kessai.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new CenterProcess(builder.start(), log);
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Waits for a line matching {@code pattern} (its first group is returned), failing if the process dies first. */
    String await(Pattern pattern) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = pattern.matcher(output());
            if (matcher.find()) {
                return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
            }
            if (!process.isAlive()) {
                throw new AssertionError("kessai exited with " + process.exitValue() + " before printing " + pattern + ":\n" + output());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("kessai did not print " + pattern + " in " + START_TIMEOUT.toSeconds() + " s:\n" + output());
    }

    /** The base URI a center node prints when it listens. */
    URI awaitCenter() throws IOException, InterruptedException {
        return URI.create(await(Pattern.compile("center listening on (https://\\S+);")));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed; as a power cut would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the process survived SIGKILL");
        }
    }

    /** SIGTERM, as Ctrl-C or a service manager: returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not stop within " + STOP_TIMEOUT.toSeconds() + " s of SIGTERM");
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
