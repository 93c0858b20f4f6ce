package io.github.whoami.workarounds;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.whoami.LoggedWarnings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.WebServer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The header deadline's own robustness: a sweep that fails is logged and the next sweeps still close late
 * connections, and the sweeping thread runs exactly as long as the server.
 */
class RequestHeadTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);

    @Test
    void aCloseThatFailsIsLoggedAndLaterConnectionsAreStillClosed() throws Exception {
        ConnectionContext failing = connection();
        ConnectionContext late = connection();
        LinkedBlockingQueue<ConnectionContext> closed = new LinkedBlockingQueue<>();
        RequestHeadTimeout timeout = new RequestHeadTimeout(TIMEOUT, ctx -> {
            closed.add(ctx);
            if (ctx == failing) {
                throw new IllegalStateException("closing failed");
            }
        });
        timeout.start();
        try (LoggedWarnings warnings = LoggedWarnings.of(RequestHeadTimeout.class.getName())) {
            timeout.prologue(failing, null);
            assertEquals(failing, closed.poll(5, TimeUnit.SECONDS), "the first late connection's close was tried");
            timeout.prologue(late, null);
            assertEquals(late, closed.poll(5, TimeUnit.SECONDS), "a connection late after the failure is still closed");
            assertTrue(timeout.sweeper().isAlive(), "the sweeping thread still runs");
            assertEquals(1, warnings.records().size(), "one warning for the failed close: " + warnings.records());
            assertEquals(IllegalStateException.class, warnings.records().getFirst().getThrown().getClass());
        } finally {
            timeout.stop();
        }
    }

    @Test
    void headersInTimeAreNeverClosed() throws Exception {
        ConnectionContext onTime = connection();
        LinkedBlockingQueue<ConnectionContext> closed = new LinkedBlockingQueue<>();
        RequestHeadTimeout timeout = new RequestHeadTimeout(TIMEOUT, closed::add);
        timeout.start();
        try {
            timeout.prologue(onTime, null);
            timeout.headers(onTime, null);
            assertNull(closed.poll(TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS));
        } finally {
            timeout.stop();
        }
    }

    @Test
    void theSweepingThreadStartsWithTheServerAndEndsWithIt() {
        Config config = Config.just(ConfigSources.create(Map.of(
                "server.host", "127.0.0.1",
                "server.port", "0",
                "whoami.request-head-timeout", "PT1S")));
        List<Thread> before = sweepers();
        WebServer server = WebServer.builder().update(builder -> {
            builder.config(config.get("server"));
            Workarounds.server(builder, config);
        }).build().start();
        List<Thread> running = sweepers();
        running.removeAll(before);
        assertEquals(1, running.size(), "one sweeping thread for the running server: " + running);
        Thread sweeper = running.getFirst();
        server.stop();
        assertFalse(sweeper.isAlive(), "the sweeping thread ended with the server");
        assertNotNull(sweeper.getName());
    }

    private static List<Thread> sweepers() {
        return new ArrayList<>(Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("whoami-request-head-timeout"))
                .toList());
    }

    /** A connection the timeout only keeps as a key: identity alone. */
    private static ConnectionContext connection() {
        return (ConnectionContext) Proxy.newProxyInstance(ConnectionContext.class.getClassLoader(),
                new Class<?>[] {ConnectionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "connection@" + Integer.toHexString(System.identityHashCode(proxy));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
