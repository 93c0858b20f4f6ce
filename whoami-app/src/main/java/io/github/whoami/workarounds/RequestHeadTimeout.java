package io.github.whoami.workarounds;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.helidon.config.Config;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.spi.ServerFeature;

/**
 * Answers Helidon 4.5.0 reading a request's headers with no time limit: closes a connection whose
 * headers do not arrive in full within a set time after its request line.
 *
 * <p>Helidon's idle-connection timeout closes a connection that sends nothing, or stops inside its
 * request line: it interrupts only a connection that waits for a request line. Once the request line
 * is in, the headers are read with no limit, so a client that stops inside them would keep its
 * connection, and the heap that connection holds, for as long as it likes. This listener sees the
 * request line and the headers arrive (called on the connection's own thread) and closes the socket
 * of a connection whose headers are late; its blocked read then fails and Helidon ends the connection
 * as it ends any broken one. {@code ConnectionLimitsTest} fails without it.
 *
 * <p>Every request passes here twice, so each is one entry put into a map and taken out again; one
 * sweep a {@value #SWEEPS_PER_TIMEOUT}th of the timeout closes the late ones. (A timer task per request
 * would be cancelled almost always, and a cancelled task stays queued until its time is up: at tens of
 * thousands of requests a second that is tens of megabytes of heap.) The sweeping thread starts and
 * stops with the server, and an exception in one sweep is logged and the next sweep runs as planned.
 */
public final class RequestHeadTimeout implements Http1ConnectionListener {

    private static final System.Logger LOGGER = System.getLogger(RequestHeadTimeout.class.getName());
    private static final int SWEEPS_PER_TIMEOUT = 10;

    private final long timeoutNanos;
    private final long sweepMillis;
    private final Consumer<ConnectionContext> close;
    /** The connections whose headers are being read, each with the time they must be in by. */
    private final Map<ConnectionContext, Long> deadlines = new ConcurrentHashMap<>();
    private volatile Thread sweeper;

    /**
     * @param timeout how long the headers may take after the request line
     * @param close   what closes a late connection
     */
    RequestHeadTimeout(Duration timeout, Consumer<ConnectionContext> close) {
        this.timeoutNanos = timeout.toNanos();
        this.sweepMillis = Math.max(1, timeout.toMillis() / SWEEPS_PER_TIMEOUT);
        this.close = close;
    }

    /**
     * Gives the server HTTP/1.1 alone, as {@code server.protocols.http_1_1} configures it, with this
     * timeout listening, and starts and stops the sweeping thread with the server.
     *
     * <p>One protocol, under the configuration's own name, so that Helidon reads no second one from the
     * configuration: with one protocol Helidon gives a new connection to it at once, where the idle
     * timeout sees it; with two it would wait, with no timeout, for a first byte to choose one.
     *
     * @param server  the server to configure
     * @param config  the whole configuration
     * @param timeout how long the headers may take after the request line
     */
    static void install(WebServerConfig.Builder server, Config config, Duration timeout) {
        RequestHeadTimeout headTimeout = new RequestHeadTimeout(timeout, ctx -> ctx.serverSocket().close());
        Config http1 = config.get("server.protocols.http_1_1");
        server.protocolsDiscoverServices(false);
        server.protocols(List.of(Http1Config.builder()
                .config(http1)
                .name(http1.name())
                .addReceiveListener(headTimeout)
                .build()));
        server.addFeature(headTimeout.lifecycle());
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        deadlines.put(ctx, System.nanoTime() + timeoutNanos);
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        deadlines.remove(ctx);
    }

    /** Starts the sweeping thread. */
    synchronized void start() {
        if (sweeper == null) {
            sweeper = Thread.ofPlatform().daemon().name("whoami-request-head-timeout").start(this::sweepUntilStopped);
        }
    }

    /** Stops the sweeping thread, and returns once it has ended (or after a second). */
    synchronized void stop() throws InterruptedException {
        if (sweeper != null) {
            sweeper.interrupt();
            sweeper.join(Duration.ofSeconds(1));
            sweeper = null;
        }
    }

    /** The sweeping thread, while it runs. */
    Thread sweeper() {
        return sweeper;
    }

    private void sweepUntilStopped() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(sweepMillis);
                try {
                    closeLate();
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "A sweep for late request headers failed; the next one runs as planned", e);
                }
            }
        } catch (InterruptedException stopped) {
            // the server stopped
        }
    }

    private void closeLate() {
        long now = System.nanoTime();
        // Also reached by a connection that failed inside its headers (a 400) and is gone already.
        deadlines.forEach((ctx, deadline) -> {
            if (now - deadline > 0 && deadlines.remove(ctx, deadline)) {
                try {
                    close.accept(ctx);
                } catch (UncheckedIOException alreadyClosed) {
                    // nothing left to close
                } catch (RuntimeException e) {
                    // The other late connections and the next sweeps go on.
                    LOGGER.log(Level.WARNING, "Could not close a connection whose request headers were late", e);
                }
            }
        });
    }

    /** A server feature whose HTTP feature starts and stops the sweeping thread with the server. */
    private ServerFeature lifecycle() {
        HttpFeature startStop = new HttpFeature() {
            @Override
            public void setup(HttpRouting.Builder routing) {
                // no routes: only the server's start and stop
            }

            @Override
            public void beforeStart() {
                start();
            }

            @Override
            public void afterStop() {
                try {
                    stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        return new ServerFeature() {
            @Override
            public void setup(ServerFeatureContext features) {
                features.socket(WebServer.DEFAULT_SOCKET_NAME).httpRouting().addFeature(startStop);
            }

            @Override
            public String name() {
                return "whoami-request-head-timeout";
            }

            @Override
            public String type() {
                return "whoami-request-head-timeout";
            }
        };
    }
}
