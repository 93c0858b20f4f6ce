package io.github.whoami.workarounds;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.common.buffers.DataReader;

/**
 * Answers Helidon 4.5.0 logging a client's hang-up inside its request as an internal error, with its stack
 * trace (made a trace-level record after 4.5.0 by helidon-io/helidon#12541): keeps those records out of the log.
 *
 * <p>Helidon 4.5 reports the end of the stream inside a request's line or headers as an internal error,
 * with a warning and its stack trace. A client that opens connections, starts requests and closes them
 * would write twenty lines per connection, and a flood of thousands keeps the one CPU busy logging while
 * fresh clients wait. Only those records are dropped: every other warning of the HTTP/1.1 connection is kept.
 * {@code ConnectionLimitsTest} fails without it.
 */
public final class HangUpLogFilter implements Filter {

    /** Held here: the log manager keeps only weak references to its loggers, and with it their filters. */
    private static final Logger HTTP1_CONNECTION = Logger.getLogger("io.helidon.webserver.http1.Http1Connection");

    private HangUpLogFilter() {
    }

    /** Installs the filter on Helidon's HTTP/1.1 connection logger. */
    public static void install() {
        HTTP1_CONNECTION.setFilter(new HangUpLogFilter());
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
            if (cause instanceof DataReader.InsufficientDataAvailableException) {
                return false;
            }
        }
        return true;
    }
}
