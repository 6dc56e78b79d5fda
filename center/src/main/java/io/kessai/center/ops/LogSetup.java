package io.kessai.center.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.kessai.center.http.ConfigValues;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Sets up Logback in code (no XML to ship or get wrong): one appender to standard output, text or JSON
 * lines ({@link LogFormat}), the root level from {@code KESSAI_LOG_LEVEL}, and the chattiest libraries
 * held at WARN. JSON lines carry {@code timestamp} (epoch millis), {@code level}, {@code threadName},
 * {@code loggerName}, {@code mdc} (with {@code requestId}), {@code kvpList} and {@code formattedMessage}.
 */
public final class LogSetup {
    public static final String LEVEL_VARIABLE = "KESSAI_LOG_LEVEL";
    static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} %X{requestId:--} %msg%n";
    private static final Map<String, Level> QUIET_LIBRARIES = Map.of(
            "org.eclipse.jetty", Level.WARN,
            "io.javalin", Level.WARN,
            "io.zonky", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN);

    private LogSetup() {}

    /** From {@code KESSAI_LOG_FORMAT} and {@code KESSAI_LOG_LEVEL}, to standard output. */
    public static void configureFromEnvironment(ConfigValues values) {
        configure(LogFormat.fromEnvironment(values), level(values), System.out);
    }

    public static void configure(LogFormat format, Level rootLevel, OutputStream out) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("logging is not Logback but " + factory.getClass().getName());
        }
        context.reset();
        Encoder<ILoggingEvent> encoder = format == LogFormat.JSON ? jsonEncoder(context) : textEncoder(context);
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("kessai-" + format.name().toLowerCase(Locale.ROOT));
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.setOutputStream(new KeepOpen(out));
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel);
        root.addAppender(appender);
        QUIET_LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    static Level level(ConfigValues values) {
        String name = values.string(LEVEL_VARIABLE).orElse("INFO").toUpperCase(Locale.ROOT);
        return switch (name) {
            case "TRACE", "DEBUG", "INFO", "WARN", "ERROR" -> Level.toLevel(name);
            default -> throw new IllegalArgumentException(LEVEL_VARIABLE
                    + " must be TRACE, DEBUG, INFO, WARN or ERROR, got '" + name + "'");
        };
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    /** Logback closes its stream on reset; standard output must survive that. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
