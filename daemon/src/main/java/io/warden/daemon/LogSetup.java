package io.warden.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The daemon's log: one line per event on standard error (a service manager such as systemd or
 * WinSW captures it), Helidon's own loggers from WARN up. Found by Logback through
 * {@code META-INF/services}; set up in code rather than from a {@code logback.xml}, whose parser
 * (Joran, its model classes and the JDK's SAX parser: about 600 classes, 2 MB of metaspace) the
 * daemon would otherwise load and keep for its whole life.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n";

    /**
     * Sends what is logged through {@code java.util.logging} (the web server's libraries) to this
     * log instead of the JDK's own console handler. For the daemon's process, before it starts.
     */
    public static void captureJavaUtilLogging() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        context.getLogger("io.helidon").setLevel(Level.WARN);
        // Lettuce logs every reconnect attempt to a Redis that is down; the rate limits' own
        // WARN and INFO lines say when it goes and when it is back.
        context.getLogger("io.lettuce").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
