package io.github.whoami.images;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.whoami.images.ImageUnderTest.assertWhoamiStillAnswers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken and hostile clients, over a raw socket, against one container run as production runs it
 * ({@code --memory 128m --cpus 1}): each bad request is refused or dropped quickly, the limits hold at
 * their edges, and the server answers the next client. The limits are whoami-app's application.properties.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    /** server.protocols.http_1_1.max-headers-size and max-prologue-length. */
    private static final int MAX_HEADERS_SIZE = 16_384;
    private static final int MAX_PROLOGUE_LENGTH = 4_096;
    /** server.idle-connection-timeout, checked every server.idle-connection-period (1 s). */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** How long a bad request may take to be refused or dropped. */
    private static final Duration BOUND = Duration.ofSeconds(1);

    private final String image = ImageUnderTest.image();

    private Container server;
    /** A client that connects and never sends a byte; completes with the seconds until the server hung up. */
    private CompletableFuture<Double> silentClient;

    @BeforeAll
    void startServerAsInProduction() throws Exception {
        server = ImageUnderTest.startAsInProduction();
        // Started now, checked last: the idle timeout runs while the other checks do.
        silentClient = CompletableFuture.supplyAsync(
                () -> RawHttp.secondsUntilClosed(server.port(), "", IDLE_TIMEOUT.plusSeconds(20)),
                r -> Thread.ofVirtual().start(r));
    }

    @AfterAll
    void removeServer() {
        if (server != null) {
            server.close();
        }
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("a malformed request line", "NOT A REQUEST\r\n\r\n", 400),
                Arguments.of("an unknown method", "BREW /whoami HTTP/1.1\r\nHost: t\r\n\r\n", 405),
                Arguments.of("a 64 KB header", "GET /whoami HTTP/1.1\r\nHost: t\r\nX-Big: " + "a".repeat(65_536) + "\r\n\r\n", 400),
                Arguments.of("no Host header", "GET /whoami HTTP/1.1\r\n\r\n", 400),
                Arguments.of("a body on GET", "GET /whoami HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello", 400),
                Arguments.of("a request line over the limit",
                        "GET /" + "a".repeat(MAX_PROLOGUE_LENGTH) + " HTTP/1.1\r\nHost: t\r\n\r\n", 414),
                Arguments.of("headers over the limit",
                        "GET /whoami HTTP/1.1\r\nHost: t\r\nX-Big: " + "a".repeat(MAX_HEADERS_SIZE) + "\r\n\r\n", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    @Order(1)
    void badRequestGetsItsExact4xxWithinASecondAndTheServerStillAnswers(String what, String request, int status)
            throws Exception {
        RawHttp.Exchange exchange = send(request, Duration.ZERO, BOUND);
        assertEquals(status, exchange.status(), what + ": " + exchange);
        assertTrue(exchange.millis() < BOUND.toMillis(), what + " took " + exchange.millis() + " ms");
        assertWhoamiStillAnswers(server);
        System.out.printf("%s: %s -> %s%n", image, what, exchange.summary());
    }

    @Test
    @Order(2)
    void limitsHoldAtTheirEdges() throws Exception {
        // Just inside each limit: an ordinary answer (404: the long path names nothing).
        String longestPath = "/" + "a".repeat(MAX_PROLOGUE_LENGTH - "GET / HTTP/1.1".length() - 16);
        assertEquals(404, send("GET " + longestPath + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
                Duration.ZERO, BOUND).status(), "request line inside the limit");
        String bigHeader = "X-Big: " + "a".repeat(MAX_HEADERS_SIZE - 100);
        assertEquals(200, send("GET /whoami HTTP/1.1\r\nHost: t\r\nConnection: close\r\n" + bigHeader + "\r\n\r\n",
                Duration.ZERO, BOUND).status(), "headers inside the limit");
        // Just past them: refused (the 4xx cases above go far past; these by a few bytes).
        String tooLongPath = "/" + "a".repeat(MAX_PROLOGUE_LENGTH - "GET / HTTP/1.1".length() + 8);
        assertEquals(414, send("GET " + tooLongPath + " HTTP/1.1\r\nHost: t\r\n\r\n",
                Duration.ZERO, BOUND).status(), "request line past the limit");
        String tooBigHeader = "X-Big: " + "a".repeat(MAX_HEADERS_SIZE);
        assertEquals(400, send("GET /whoami HTTP/1.1\r\nHost: t\r\n" + tooBigHeader + "\r\n\r\n",
                Duration.ZERO, BOUND).status(), "headers past the limit");
        assertWhoamiStillAnswers(server);
    }

    @Test
    @Order(3)
    void aClientSendingByteByByteIsServedThenClosed() throws Exception {
        RawHttp.Exchange exchange = send("GET /whoami HTTP/1.1\r\nHost: slow\r\nConnection: close\r\n\r\n",
                Duration.ofMillis(50), BOUND.plusSeconds(5));
        assertEquals(200, exchange.status(), exchange.toString());
        assertTrue(exchange.closed(), "closed after the answer: " + exchange);
        assertWhoamiStillAnswers(server);
    }

    @Test
    @Order(4)
    void aSilentClientIsDroppedAtTheIdleTimeoutNotBefore() throws Exception {
        double seconds = silentClient.get(IDLE_TIMEOUT.toSeconds() + 20, TimeUnit.SECONDS);
        System.out.printf("%s: a silent connection was closed after %.1f s%n", image, seconds);
        assertTrue(seconds >= IDLE_TIMEOUT.toSeconds() - 0.5, "closed after " + seconds + " s, before the idle timeout");
        assertTrue(seconds <= IDLE_TIMEOUT.toSeconds() + 4, "closed after " + seconds + " s");
        assertWhoamiStillAnswers(server);
    }

    private RawHttp.Exchange send(String request, Duration pause, Duration timeout) throws Exception {
        return RawHttp.exchange(server.port(), request.getBytes(StandardCharsets.US_ASCII), pause, timeout);
    }
}
