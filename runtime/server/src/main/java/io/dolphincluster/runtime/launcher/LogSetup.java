package io.dolphincluster.runtime.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the process's log to {@code -logFile} (and to standard output with {@code -console 1}). One
 * line per event: time, level, thread, logger, message. Ratis's own chatter is kept to warnings
 * (but for its few lines per election); our classes log every state change (leader elected,
 * membership changed, node up/down) with the alias.
 */
final class LogSetup {
    private static final String PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n";

    private static final String[] ELECTION_LOGGERS = {
        "org.apache.ratis.server.impl.FollowerState", "org.apache.ratis.server.impl.LeaderElection"
    };

    private LogSetup() {}

    static void configure(Path logFile, boolean console) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        context.getLogger("org.apache.ratis").setLevel(Level.WARN);
        // Elections, a few lines each: when a follower stood, its pre-vote and vote, the new
        // leader.
        for (String election : ELECTION_LOGGERS) context.getLogger(election).setLevel(Level.INFO);
        context.getLogger("io.netty").setLevel(Level.WARN);
        if (logFile != null) {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(logFile.toString());
            file.setAppend(true);
            root.addAppender(start(context, file));
        }
        if (console || logFile == null) {
            root.addAppender(start(context, new ConsoleAppender<>()));
        }
    }

    private static OutputStreamAppender<ILoggingEvent> start(
            LoggerContext context, OutputStreamAppender<ILoggingEvent> appender) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
