package io.github.whoami.images;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One client floods this module's image with connections that never finish a request, under the
 * production limits ({@code --memory 128m --cpus 1}), and the server must neither die nor stop
 * answering: the connection limit and the request-head timeout of whoami-app at work.
 *
 * <p>Connections are opened without blocking (a server that stops accepting must not stall the test),
 * only to 127.0.0.1, at most {@value #FLOOD} of them, each phase bounded in time.
 */
class ConnectionFloodIT {

    /** Connections in the whole flood. */
    static final int FLOOD = 3_000;
    /**
     * Places left free while the server holds all the others, and a fresh client must still be answered
     * within {@link #ANSWER_BOUND}: one for that client, one for the image's health check.
     */
    static final int FREE_WHILE_SERVING = 2;
    static final Duration ANSWER_BOUND = Duration.ofSeconds(1);
    /** whoami.request-head-timeout and server.idle-connection-timeout, checked every second. */
    static final Duration HEAD_TIMEOUT = Duration.ofSeconds(10);
    /** The ?wait= of the slow requests. */
    static final Duration SLOW_REQUEST = Duration.ofSeconds(10);
    /** How long the connections the server holds may take to connect: they are accepted at once. */
    static final Duration HELD_BOUND = Duration.ofSeconds(15);
    /**
     * How long the connections past the limit are given to connect: all are sent, but once the kernel's
     * queue is full the rest connect only as its handshake retries back off (about 11 s for all of
     * them), which adds no pressure on a server that no longer accepts.
     */
    static final Duration PAST_LIMIT_BOUND = Duration.ofSeconds(3);
    /** Busy keep-alive connections at once, the comparison's second load. */
    static final int BUSY_CONNECTIONS = 1_000;

    private final String image = ImageUnderTest.image();

    /** What each connection of a flood sends, and then nothing more. */
    enum Flood {
        /** A request line and one header, never the blank line that ends the headers. */
        HALF_OPEN_IN_HEADERS("GET /whoami HTTP/1.1\r\nHost: flood\r\n"),
        /** Nothing at all. */
        SILENT(""),
        /** A complete request the server answers only after {@link #SLOW_REQUEST}. */
        SLOW_REQUESTS("GET /whoami?wait=10s HTTP/1.1\r\nHost: flood\r\n\r\n");

        private final byte[] request;

        Flood(String request) {
            this.request = request.getBytes(StandardCharsets.US_ASCII);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flood.class)
    void aFloodOfConnectionsNeverEndsTheServerAndAFreshClientIsStillAnswered(Flood flood) throws Exception {
        try (Container server = ImageUnderTest.startAsInProduction();
             Connections held = new Connections()) {
            // As many as the budget of the server's heap allows, as its start line says, but the free places.
            int limit = StartLine.of(server).limit();
            int heldWhileServing = limit - FREE_WHILE_SERVING;
            assertTrue(heldWhileServing < FLOOD, "a limit of " + limit + " is more than the flood reaches");
            assertEquals(heldWhileServing, held.open(server.port(), heldWhileServing, flood.request, HELD_BOUND),
                    "connections established");
            long sentAt = System.nanoTime();
            // Let the server take in what the kernel queued for it before timing a fresh client.
            Thread.sleep(1_000);
            Duration whileHeld = timeFreshRequest(server);
            // Past the connection limit the server stops accepting: the rest wait in the kernel's queue, or
            // for a place in it, their handshakes retried as the kernel backs off.
            int more = held.open(server.port(), FLOOD - heldWhileServing, flood.request, PAST_LIMIT_BOUND);
            Thread.sleep(2_000);
            assertAlive(server, flood + " x " + FLOOD);
            held.close();

            if (flood == Flood.SLOW_REQUESTS) {
                // Requests in flight hold their connection until they are answered: wait for the held ones
                // to be done.
                Thread.sleep(Math.max(0, SLOW_REQUEST.toMillis() - Duration.ofNanos(System.nanoTime() - sentAt).toMillis()));
            }
            Thread.sleep(500);
            Duration after = timeFreshRequest(server);
            assertAlive(server, flood + " x " + FLOOD + ", after");
            System.out.printf("%s: %s: %d connections held (the server takes %d), a fresh request answered in %d ms; "
                            + "%d more connected within %d s (of %d), answered in %d ms once they were gone; container memory %s%n",
                    image, flood, heldWhileServing, limit, whileHeld.toMillis(), more, PAST_LIMIT_BOUND.toSeconds(), FLOOD - heldWhileServing,
                    after.toMillis(), server.memoryUsage());
            assertTrue(whileHeld.compareTo(ANSWER_BOUND) < 0,
                    "a fresh request took " + whileHeld.toMillis() + " ms with " + heldWhileServing + " connections held");
            assertTrue(after.compareTo(ANSWER_BOUND) < 0, "a fresh request took " + after.toMillis() + " ms after the flood");
        }
    }

    @Test
    void aClientThatStopsInsideItsRequestLineOrHeadersIsClosedAtTheHeadTimeout() throws Exception {
        try (Container server = ImageUnderTest.startAsInProduction()) {
            List<Thread> clients = new ArrayList<>();
            double[] seconds = new double[2];
            String[] stops = {"GET /who", "GET /whoami HTTP/1.1\r\nHost: t\r\nAccept: */"};
            for (int i = 0; i < stops.length; i++) {
                int which = i;
                clients.add(Thread.ofVirtual().start(() -> seconds[which] = RawHttp.secondsUntilClosed(server.port(), stops[which],
                        HEAD_TIMEOUT.plusSeconds(20))));
            }
            for (Thread client : clients) {
                client.join(HEAD_TIMEOUT.plusSeconds(20));
            }
            System.out.printf("%s: stopped inside the request line: closed after %.1f s; inside the headers: %.1f s%n",
                    image, seconds[0], seconds[1]);
            // The request line falls to Helidon's idle timeout, whose clock ticks once a second (up to a
            // second early); the headers to whoami's own timer.
            assertTrue(seconds[0] >= HEAD_TIMEOUT.toSeconds() - 1, "closed after " + seconds[0] + " s, before the timeout");
            assertTrue(seconds[1] >= HEAD_TIMEOUT.toSeconds() - 0.5, "closed after " + seconds[1] + " s, before the timeout");
            for (double closedAfter : seconds) {
                assertTrue(closedAfter <= HEAD_TIMEOUT.toSeconds() + 3, "closed after " + closedAfter + " s");
            }
            ImageUnderTest.assertWhoamiStillAnswers(server);
        }
    }

    /**
     * A burst of busy keep-alive clients right after start, under one CPU: every request answered within
     * wrk's 5 s, on two carrier threads (whoami-app's CarrierThreads; with the JDK's one per CPU, 7 of 12
     * such runs left requests unanswered for longer).
     */
    @Test
    void aThousandBusyConnectionsRightAfterStartAreEachAnsweredWithinFiveSecondsOnTwoCarriers() throws Exception {
        try (Container server = ImageUnderTest.startAsInProduction()) {
            Wrk wrk = Wrk.run(1, BUSY_CONNECTIONS, 10, "http://127.0.0.1:" + server.port() + "/whoami");
            // Carrier threads are named ForkJoinPool-1-worker-N; the kernel keeps 15 characters of a thread's name.
            long carriers = ImageUnderTest.docker().run("top", server.name(), "-L", "-o", "pid,lwp,comm").lines()
                    .filter(line -> line.endsWith(" ForkJoinPool-1-")).count();
            System.out.printf("%s: %d connections right after start: %.0f requests/s, %d socket errors (timeouts: no answer "
                    + "in 5 s, included), %d non-2xx; %d carrier threads%n", image, BUSY_CONNECTIONS, wrk.requestsPerSecond(),
                    wrk.socketErrors(), wrk.non2xx(), carriers);
            assertTrue(wrk.rated(), "wrk printed no rate:\n" + wrk.output());
            assertEquals(0, wrk.errors(), "wrk with " + BUSY_CONNECTIONS + " connections:\n" + wrk.output());
            assertEquals(2, carriers, "carrier threads under --cpus 1");
            assertAlive(server, BUSY_CONNECTIONS + " busy connections");
        }
    }

    private void assertAlive(Container server, String after) {
        assertEquals("true", server.inspect("{{.State.Running}}"), "the server ended after " + after + ": " + server.logs());
        assertEquals("false", server.inspect("{{.State.OOMKilled}}"), "the kernel OOM-killed the server after " + after);
        assertFalse(server.logs().contains("OutOfMemoryError"), "OutOfMemoryError after " + after);
    }

    /** A new connection's GET /whoami, timed from connect to the status line; fails on anything but 200. */
    private static Duration timeFreshRequest(Container server) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /whoami HTTP/1.1\r\nHost: fresh\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] statusLine = socket.getInputStream().readNBytes(12);
            assertEquals("HTTP/1.1 200", new String(statusLine, StandardCharsets.US_ASCII));
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Connections opened without blocking, each sent its request, held until {@link #close()}. */
    private static final class Connections implements AutoCloseable {

        private final List<SocketChannel> channels = new ArrayList<>();

        /** Opens {@code count} connections, sends each the request; returns how many connected within the bound. */
        int open(int port, int count, byte[] request, Duration bound) throws IOException {
            try (Selector selector = Selector.open()) {
                for (int i = 0; i < count; i++) {
                    SocketChannel channel = SocketChannel.open();
                    channels.add(channel);
                    channel.configureBlocking(false);
                    channel.connect(new InetSocketAddress("127.0.0.1", port));
                    channel.register(selector, SelectionKey.OP_CONNECT);
                }
                int connected = 0;
                long deadline = System.nanoTime() + bound.toNanos();
                while (connected < count && System.nanoTime() < deadline) {
                    selector.select(200);
                    for (SelectionKey key : selector.selectedKeys()) {
                        SocketChannel channel = (SocketChannel) key.channel();
                        key.cancel();
                        if (channel.finishConnect()) {
                            connected++;
                            // A few dozen bytes always fit the socket's send buffer: one non-blocking write.
                            channel.write(ByteBuffer.wrap(request));
                        }
                    }
                    selector.selectedKeys().clear();
                }
                return connected;
            }
        }

        @Override
        public void close() throws IOException {
            for (SocketChannel channel : channels) {
                channel.close();
            }
            channels.clear();
        }
    }
}
