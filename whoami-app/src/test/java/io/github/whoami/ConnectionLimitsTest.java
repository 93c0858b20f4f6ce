package io.github.whoami;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits of {@link Main#server}, on a real socket, with short values: an idle timeout of two seconds,
 * a request-head timeout of one second, and a limit of {@value #MAX_CONNECTIONS} connections. The server is
 * assembled as {@link Main} assembles it: the test support's server would add the protocols it finds on
 * the test class path.
 */
class ConnectionLimitsTest {

    private static final int MAX_CONNECTIONS = 3;
    private static final long HEAD_TIMEOUT_MILLIS = 1_000;
    private static final long IDLE_TIMEOUT_MILLIS = 2_000;

    private static WebServer server;
    private static int port;

    @BeforeAll
    static void startServer() {
        Config config = Config.just(ConfigSources.create(Map.of(
                "server.host", "127.0.0.1",
                "server.port", "0",
                "server.max-tcp-connections", String.valueOf(MAX_CONNECTIONS),
                "server.idle-connection-timeout", "PT2S",
                "server.idle-connection-period", "PT0.2S",
                "whoami.request-head-timeout", "PT1S")));
        server = WebServer.builder().update(builder -> Main.server(builder, config)).routing(Main::routing).build().start();
        port = server.port();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void aClientThatStopsInsideItsHeadersIsClosedAtTheHeadTimeout() throws Exception {
        long millis = millisUntilClosed("GET /whoami HTTP/1.1\r\nHost: t\r\n");
        assertTrue(millis >= HEAD_TIMEOUT_MILLIS - 50 && millis < HEAD_TIMEOUT_MILLIS + 1_000, "closed after " + millis + " ms");
    }

    @Test
    void aClientThatSendsNothingIsClosedAtTheIdleTimeout() throws Exception {
        // Helidon reaches the idle timeout only of a connection it has given to a protocol: with two
        // HTTP/1.1 protocols configured it would wait for a first byte to choose, and never time out.
        long millis = millisUntilClosed("");
        // Helidon's idle clock ticks once a second, so the close comes up to a second early or late.
        assertTrue(millis >= IDLE_TIMEOUT_MILLIS - 1_000 && millis < IDLE_TIMEOUT_MILLIS + 1_500, "closed after " + millis + " ms");
    }

    /** Sends {@code request}, then nothing; returns when the server hung up, having sent nothing. */
    private static long millisUntilClosed(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, socket.getInputStream().read(), "the server sends nothing and hangs up");
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    @Test
    void headersThatArriveWithinTheTimeoutAreAnswered() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /whoami HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(HEAD_TIMEOUT_MILLIS / 2);
            socket.getOutputStream().write("Host: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readAll(socket.getInputStream()).startsWith("HTTP/1.1 200"));
        }
    }

    @Test
    void pastTheConnectionLimitANewClientWaitsForAPlaceAndIsThenAnswered() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (Socket waiting = new Socket()) {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                held.add(new Socket("127.0.0.1", port));
            }
            // The kernel completes the connection; the server does not take it while it is full.
            waiting.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
            waiting.setSoTimeout(500);
            waiting.getOutputStream().write("GET /whoami HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                int b = waiting.getInputStream().read();
                throw new AssertionError("answered while " + MAX_CONNECTIONS + " connections were held: " + b);
            } catch (SocketTimeoutException expected) {
                // queued
            }
            held.removeFirst().close();
            waiting.setSoTimeout(5_000);
            assertTrue(readAll(waiting.getInputStream()).startsWith("HTTP/1.1 200"));
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aClientThatHangsUpInsideItsHeadersIsNotLoggedAsAnError() throws Exception {
        try (LoggedWarnings warnings = LoggedWarnings.of("io.helidon.webserver.http1.Http1Connection")) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write("GET /whoami HTTP/1.1\r\nHost: t\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            // The next request on a fresh connection is answered after the server has seen the hang-up.
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write("GET /whoami HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertTrue(readAll(socket.getInputStream()).startsWith("HTTP/1.1 200"));
            }
            Thread.sleep(200);
            assertEquals(List.of(), warnings.records().stream().map(LogRecord::getMessage).toList());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
}
