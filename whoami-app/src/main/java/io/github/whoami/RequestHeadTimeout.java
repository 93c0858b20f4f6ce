package io.github.whoami;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Closes a connection whose request headers do not arrive in full within a set time after its
 * request line.
 *
 * <p>Helidon's idle-connection timeout closes a connection that sends nothing, or stops inside its
 * request line: it interrupts only a connection that waits for a request line. Once the request line
 * is in, Helidon 4.5 reads the headers with no time limit, so a client that stops inside them would keep
 * its connection, and the heap that connection holds, for as long as it likes. This listener sees the
 * request line and the headers arrive ({@link Http1ConnectionListener}, called on the connection's own
 * thread) and closes the socket of a connection whose headers are late; its blocked read then fails and
 * Helidon ends the connection as it ends any broken one.
 *
 * <p>Every request passes here twice, so each is one entry put into a map and taken out again; one
 * sweep a {@value #SWEEPS_PER_TIMEOUT}th of the timeout closes the late ones. (A timer task per request
 * would be cancelled almost always, and a cancelled task stays queued until its time is up: at tens of
 * thousands of requests a second that is tens of megabytes of heap.)
 */
final class RequestHeadTimeout implements Http1ConnectionListener {

    private static final int SWEEPS_PER_TIMEOUT = 10;

    private final long timeoutNanos;
    /** The connections whose headers are being read, each with the time they must be in by. */
    private final Map<ConnectionContext, Long> deadlines = new ConcurrentHashMap<>();

    /**
     * @param timeout how long the headers may take after the request line
     */
    RequestHeadTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("whoami-request-head-timeout").factory());
        long period = Math.max(1, timeout.toMillis() / SWEEPS_PER_TIMEOUT);
        sweeper.scheduleAtFixedRate(this::closeLate, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        deadlines.put(ctx, System.nanoTime() + timeoutNanos);
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        deadlines.remove(ctx);
    }

    private void closeLate() {
        long now = System.nanoTime();
        // Also reached by a connection that failed inside its headers (a 400) and is gone already.
        deadlines.forEach((ctx, deadline) -> {
            if (now - deadline > 0 && deadlines.remove(ctx, deadline)) {
                try {
                    ctx.serverSocket().close();
                } catch (UncheckedIOException alreadyClosed) {
                    // nothing left to close
                }
            }
        });
    }
}
