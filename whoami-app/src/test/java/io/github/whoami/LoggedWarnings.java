package io.github.whoami;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The warnings and errors one JUL logger publishes while this is open, from whichever thread logs them:
 * for tests that check what the server logs, or does not.
 */
public final class LoggedWarnings implements AutoCloseable {

    /** Held here: JUL keeps loggers only weakly, and one collected would drop the handler with it. */
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LoggedWarnings(Logger logger) {
        this.logger = logger;
        logger.addHandler(handler);
    }

    /** Starts recording what the logger of this name publishes at WARNING or above. */
    public static LoggedWarnings of(String loggerName) {
        return new LoggedWarnings(Logger.getLogger(loggerName));
    }

    /** What was recorded so far. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
