package io.kessai.issuer;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/** Keeps every log line of the test JVM (bounded), so tests can check that none holds card data. */
public final class CapturedLog extends AppenderBase<ILoggingEvent> {
    private static final int MAX_LINES = 200_000;
    private static final List<String> LINES = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
        }
        synchronized (LINES) {
            if (LINES.size() < MAX_LINES) {
                LINES.add(line.toString());
            }
        }
    }

    public static List<String> lines() {
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }
}
