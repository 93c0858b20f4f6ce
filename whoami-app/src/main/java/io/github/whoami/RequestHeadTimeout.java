package io.github.whoami;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
 */
final class RequestHeadTimeout implements Http1ConnectionListener {

    private final Duration timeout;
    private final Map<ConnectionContext, ScheduledFuture<?>> waitingForHeaders = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("whoami-request-head-timeout").factory());

    /**
     * @param timeout how long the headers may take after the request line
     */
    RequestHeadTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        waitingForHeaders.put(ctx, timer.schedule(() -> closeIfStillWaiting(ctx), timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        ScheduledFuture<?> deadline = waitingForHeaders.remove(ctx);
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    private void closeIfStillWaiting(ConnectionContext ctx) {
        // Also reached by a connection that failed inside its headers (a 400) and is gone already.
        if (waitingForHeaders.remove(ctx) != null) {
            try {
                ctx.serverSocket().close();
            } catch (UncheckedIOException alreadyClosed) {
                // nothing left to close
            }
        }
    }
}
