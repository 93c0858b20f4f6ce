package io.github.whoami.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What production does to an image, done to this module's image on the real engine: hostile and
 * broken clients, a reverse proxy, load under a memory limit, a read-only root, an arbitrary UID, a
 * server that stops answering its health check, and {@code docker stop} with a request in flight.
 * Every image module runs this same class.
 *
 * <p>Most checks share one container run as production would run it: {@code --memory 128m --cpus 1}.
 * The limits checked at their edges are whoami-app's application.properties.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HardeningIT {

    /** server.protocols.http_1_1.max-headers-size and max-prologue-length. */
    private static final int MAX_HEADERS_SIZE = 16_384;
    private static final int MAX_PROLOGUE_LENGTH = 4_096;
    /** server.idle-connection-timeout, checked every server.idle-connection-period (1 s). */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** How long a bad request may take to be refused or dropped. */
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.1 (\\d{3}) ");

    private final Docker docker = new Docker(System.getProperty("docker.executable", "docker"));
    private final String image = System.getProperty("image.name");
    private final Variant variant = Variant.from(System::getProperty);
    private final int loadSeconds = Integer.getInteger("hardening.load.seconds", 30);

    private Container server;
    /** A client that connects and never sends a byte; completes with the seconds until the server hung up. */
    private CompletableFuture<Double> silentClient;

    @BeforeAll
    void startServerAsInProduction() throws Exception {
        server = Container.start(docker, image, "--memory", "128m", "--cpus", "1");
        // Started now, checked later: the idle timeout runs while the other checks do.
        silentClient = CompletableFuture.supplyAsync(this::secondsUntilASilentConnectionIsClosed,
                r -> Thread.ofVirtual().start(r));
    }

    @AfterAll
    void removeServer() {
        if (server != null) {
            server.close();
        }
    }

    // ---- bad input, over a raw socket ----------------------------------------------------------------

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("a malformed request line", "NOT A REQUEST\r\n\r\n"),
                Arguments.of("an unknown method", "BREW /whoami HTTP/1.1\r\nHost: t\r\n\r\n"),
                Arguments.of("a 64 KB header", "GET /whoami HTTP/1.1\r\nHost: t\r\nX-Big: " + "a".repeat(65_536) + "\r\n\r\n"),
                Arguments.of("no Host header", "GET /whoami HTTP/1.1\r\n\r\n"),
                Arguments.of("a body on GET", "GET /whoami HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello"),
                Arguments.of("a request line over the limit",
                        "GET /" + "a".repeat(MAX_PROLOGUE_LENGTH) + " HTTP/1.1\r\nHost: t\r\n\r\n"),
                Arguments.of("headers over the limit",
                        "GET /whoami HTTP/1.1\r\nHost: t\r\nX-Big: " + "a".repeat(MAX_HEADERS_SIZE) + "\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    @Order(1)
    void badRequestGets4xxOrAClosedConnectionAndTheServerStillAnswers(String what, String request) throws Exception {
        Exchange exchange = exchange(request.getBytes(StandardCharsets.US_ASCII), Duration.ZERO, BOUND);
        assertTrue(exchange.status() / 100 == 4 || exchange.status() < 0 && exchange.closed(),
                what + ": " + exchange);
        assertTrue(exchange.millis() < BOUND.toMillis(), what + " took " + exchange.millis() + " ms");
        assertWhoamiStillAnswers();
        System.out.printf("%s: %s -> %s%n", image, what, exchange.summary());
    }

    @Test
    @Order(2)
    void limitsHoldAtTheirEdges() throws Exception {
        // Just inside each limit: an ordinary answer (404: the long path names nothing).
        String longestPath = "/" + "a".repeat(MAX_PROLOGUE_LENGTH - "GET / HTTP/1.1".length() - 16);
        assertEquals(404, exchange(("GET " + longestPath + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), Duration.ZERO, BOUND).status(), "request line inside the limit");
        String bigHeader = "X-Big: " + "a".repeat(MAX_HEADERS_SIZE - 100);
        assertEquals(200, exchange(("GET /whoami HTTP/1.1\r\nHost: t\r\nConnection: close\r\n" + bigHeader + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), Duration.ZERO, BOUND).status(), "headers inside the limit");
        // Just past them: refused (the 4xx cases above go far past; these by a few bytes).
        String tooLongPath = "/" + "a".repeat(MAX_PROLOGUE_LENGTH - "GET / HTTP/1.1".length() + 8);
        assertEquals(414, exchange(("GET " + tooLongPath + " HTTP/1.1\r\nHost: t\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), Duration.ZERO, BOUND).status(), "request line past the limit");
        String tooBigHeader = "X-Big: " + "a".repeat(MAX_HEADERS_SIZE);
        assertEquals(400, exchange(("GET /whoami HTTP/1.1\r\nHost: t\r\n" + tooBigHeader + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), Duration.ZERO, BOUND).status(), "headers past the limit");
        assertWhoamiStillAnswers();
    }

    @Test
    @Order(3)
    void aClientSendingByteByByteIsServedThenClosed() throws Exception {
        byte[] request = "GET /whoami HTTP/1.1\r\nHost: slow\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        Exchange exchange = exchange(request, Duration.ofMillis(50), BOUND.plusSeconds(5));
        assertEquals(200, exchange.status(), exchange.toString());
        assertTrue(exchange.closed(), "closed after the answer: " + exchange);
        assertWhoamiStillAnswers();
    }

    @Test
    @Order(4)
    void http10IsAnswered505AsHelidonDoesByDesign() throws Exception {
        // Helidon 4 speaks HTTP/1.1 and 2 only (helidon-io/helidon#9604): ApacheBench and nginx's default
        // proxy_http_version get this. The reverse-proxy test below shows the setting that avoids it.
        Exchange exchange = exchange("GET /whoami HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), Duration.ZERO, BOUND);
        assertEquals(505, exchange.status(), exchange.toString());
    }

    @Test
    @Order(5)
    void connectionCloseIsHonouredAtOnce() throws Exception {
        // Helidon 4.4 keeps the socket open (helidon-io/helidon#12324): whoami-app's ConnectionCloseFilter
        // closes it. A client reading to end of stream must not wait for a timeout.
        Exchange exchange = exchange("GET /whoami HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII), Duration.ZERO, BOUND);
        assertEquals(200, exchange.status(), exchange.toString());
        assertTrue(exchange.closed() && exchange.millis() < 1_000, "closed right after the response: " + exchange);
    }

    @Test
    @Order(6)
    void aSilentClientIsDroppedAtTheIdleTimeoutNotBefore() throws Exception {
        double seconds = silentClient.get(IDLE_TIMEOUT.toSeconds() + 20, TimeUnit.SECONDS);
        System.out.printf("%s: a silent connection was closed after %.1f s%n", image, seconds);
        assertTrue(seconds >= IDLE_TIMEOUT.toSeconds() - 0.5, "closed after " + seconds + " s, before the idle timeout");
        assertTrue(seconds <= IDLE_TIMEOUT.toSeconds() + 4, "closed after " + seconds + " s");
        assertWhoamiStillAnswers();
    }

    // ---- behind a reverse proxy ------------------------------------------------------------------------

    @Test
    @Order(7)
    void theReadmesNginxExampleProxiesWhoami() throws Exception {
        String example = Nginx.readmeExample();
        try (Nginx nginx = Nginx.start(example, server.port())) {
            HttpResponse<String> response = nginx.get("/whoami");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(server.name(), response.body());
        }
        // Without proxy_http_version 1.1, nginx speaks HTTP/1.0 to the server and relays its 505.
        try (Nginx nginx = Nginx.start(example.replaceAll("(?m)^.*proxy_http_version.*\\R", ""), server.port())) {
            assertEquals(505, nginx.get("/whoami").statusCode());
        }
    }

    // ---- load under the memory limit ------------------------------------------------------------------

    @Test
    @Order(8)
    void theHeapIsAFifthOfThe128MegabyteLimit() throws Exception {
        // The trap the image's flags avoid: under ~250 MB of memory the JVM sizes the heap by
        // MinRAMPercentage (50%) and ignores MaxRAMPercentage, so MaxRAMPercentage=20 alone gives 64 MB.
        // The image's own ENTRYPOINT, with the JVM asked to log how it sized the heap.
        try (Container limited = Container.start(docker, image, "--memory", "128m",
                "--env", "JAVA_TOOL_OPTIONS=-Xlog:gc+init")) {
            Matcher heap = Pattern.compile("Heap Max Capacity: (\\d+)M").matcher(limited.logs());
            assertTrue(heap.find(), limited.logs());
            assertEquals(26, Integer.parseInt(heap.group(1)), "MB of heap at --memory 128m: " + heap.group());
        }
    }

    @Test
    @Order(9)
    void loadUnder128MegabytesAndOneCpuHasNoErrorsAndNoOomKill() throws Exception {
        Wrk wrk = Wrk.run(2, 64, loadSeconds, "http://127.0.0.1:" + server.port() + "/whoami");
        boolean running = Boolean.parseBoolean(server.inspect("{{.State.Running}}"));
        String oomKilled = server.inspect("{{.State.OOMKilled}}");
        long rssKib = running ? docker.largestRssKib(server.name()) : -1;
        // The JVM's RSS counts the pages of files it maps (libjvm, the modules image), which the kernel
        // can drop; docker stats shows what the container's memory limit is measured against.
        String containerMemory = running ? docker.run("stats", "--no-stream", "--format", "{{.MemUsage}}", server.name()) : "-";
        System.out.printf("%s: wrk %d s, 64 connections, --memory 128m --cpus 1: %,.0f req/s, %d socket errors, "
                        + "%d non-2xx, OOMKilled %s, RSS after load %.1f MiB, container memory %s%n", image, loadSeconds,
                wrk.requestsPerSecond(), wrk.socketErrors(), wrk.non2xx(), oomKilled, rssKib / 1024.0, containerMemory);
        assertEquals("false", oomKilled, "the kernel OOM-killed the server: " + server.logs());
        assertTrue(running, "the server stopped under load: " + server.logs());
        assertEquals(0, wrk.errors(), wrk.output());
        assertWhoamiStillAnswers();
    }

    // ---- docker stop with a request in flight ------------------------------------------------------------

    @Test
    @Order(10)
    void aRequestInFlightWhenDockerStopArrivesCompletes() throws Exception {
        // A container of its own: this is about signals. (Right after the load above, at its memory
        // limit, the same stop once took 5.8 s: the kernel was reclaiming the JVM's own pages.)
        try (Container stopped = Container.start(docker, image)) {
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return stopped.get("/whoami?wait=2s", "*/*");
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError("the request in flight failed; the server's log: " + stopped.logs(), e);
                }
            }, r -> Thread.ofVirtual().start(r));
            Thread.sleep(500);

            long start = System.nanoTime();
            docker.run("stop", "--time", "10", stopped.name());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), "the request in flight when docker stop arrived");
            assertEquals(stopped.name(), response.body());
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "docker stop took " + took + ": " + stopped.logs());
            String exitCode = stopped.inspect("{{.State.ExitCode}}");
            assertTrue(List.of("0", "143").contains(exitCode), "exit code " + exitCode);
            assertTrue(stopped.logs().contains("Shutdown finished"), "Helidon logged its shutdown: " + stopped.logs());
            System.out.printf("%s: a 2 s request in flight got its 200; docker stop took %d ms, exit code %s%n",
                    image, took.toMillis(), exitCode);
        }
    }

    // ---- how the container is run ------------------------------------------------------------------------

    @Test
    @Order(11)
    void runsWithAReadOnlyRootFileSystemAndNoTmpfs() throws Exception {
        // The JVM would keep its perf data (hsperfdata, for jstat) and attach socket (for jcmd) in /tmp;
        // without a writable /tmp it runs without them and says nothing. Add --tmpfs /tmp to use those tools.
        try (Container readOnly = Container.start(docker, image, "--read-only", "--health-interval", "1s")) {
            assertEquals("true", readOnly.inspect("{{.HostConfig.ReadonlyRootfs}}"));
            assertEquals(readOnly.name(), readOnly.get("/whoami", "*/*").body());
            assertEquals("healthy", readOnly.awaitHealth("healthy", Duration.ofSeconds(30)),
                    "the health probe runs read-only too: " + readOnly.inspect("{{json .State.Health.Log}}"));
            assertFalse(readOnly.logs().matches("(?s).*(WARNING|Warning:|Exception).*"), readOnly.logs());
        }
    }

    @Test
    @Order(12)
    void runsAsAnArbitraryUidInGroupRootAsOpenShiftDoes() throws Exception {
        try (Container arbitrary = Container.start(docker, image, "--user", "12345:0", "--health-interval", "1s")) {
            assertEquals(arbitrary.name(), arbitrary.get("/whoami", "*/*").body());
            assertEquals(List.of("12345"), docker.top(arbitrary.name(), "uid").stream().distinct().toList());
            assertEquals("healthy", arbitrary.awaitHealth("healthy", Duration.ofSeconds(30)),
                    arbitrary.inspect("{{json .State.Health.Log}}"));
        }
    }

    @Test
    @Order(13)
    void healthcheckTurnsUnhealthyWhenTheServerStopsAnsweringAndHealthyAgain() throws Exception {
        // The image's own probe, run every second, so that the test does not wait for the 10 s interval.
        try (Container probed = Container.start(docker, image, "--health-interval", "1s", "--health-timeout", "4s",
                "--health-retries", "2")) {
            assertEquals("healthy", probed.awaitHealth("healthy", Duration.ofSeconds(30)));
            // SIGSTOP freezes the server (PID 1) but not the container: the probe still runs, and times out.
            docker.run("kill", "--signal", "STOP", probed.name());
            String frozen = probed.awaitHealth("unhealthy", Duration.ofSeconds(30));
            docker.run("kill", "--signal", "CONT", probed.name());
            assertEquals("unhealthy", frozen, probed.inspect("{{json .State.Health.Log}}"));
            assertEquals("healthy", probed.awaitHealth("healthy", Duration.ofSeconds(30)),
                    probed.inspect("{{json .State.Health.Log}}"));
            assertEquals(probed.name(), probed.get("/whoami", "*/*").body());
        }
    }

    // ---- what the image holds --------------------------------------------------------------------------

    @Test
    @Order(14)
    void imageHoldsNoSecretsNoGitAndNoSourcesBeyondWhatTheVariantKeeps() {
        List<String> files = docker.listFiles(image);
        List<String> leftovers = files.stream().filter(path -> path.matches("(.*/)?\\.git(/.*)?")
                // Maven's user settings (credentials live there); a Maven distribution's conf/ is no secret
                || path.matches(".*\\.m2/(settings|settings-security|toolchains)\\.xml")
                || path.matches(".*/(settings|settings-security)\\.xml") && !path.matches(".*/conf/settings\\.xml")
                || path.matches("(.*/)?(\\.env|\\.npmrc|\\.netrc|\\.dockerignore|id_rsa|id_ed25519|.*\\.pem|.*\\.key)")
                || path.matches(".*\\.m2/repository/.+")).toList();
        assertEquals(List.of(), leftovers, "secrets or build leftovers in " + image);

        List<String> sources = files.stream().filter(path -> path.endsWith(".java")).toList();
        if (variant.buildTools()) {
            // traditional keeps, on purpose, what built it: the POMs, the sources and target/ (jar and
            // classes). That is the point of the "before" picture, and the size the others save.
            assertTrue(sources.stream().allMatch(path -> path.contains("whoami-app/src/main/java/")), sources.toString());
            assertTrue(files.stream().anyMatch(path -> path.endsWith("whoami-app/target/whoami-app.jar")));
            assertTrue(files.stream().anyMatch(path -> path.endsWith("whoami-app/pom.xml")));
            System.out.printf("%s keeps %d source files, the POMs and target/ (by design)%n", image, sources.size());
        } else {
            assertEquals(List.of(), sources, "no sources in " + image);
            assertFalse(files.stream().anyMatch(path -> path.endsWith("pom.xml")), "no POM in " + image);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private void assertWhoamiStillAnswers() throws Exception {
        HttpResponse<String> response = server.get("/whoami", "*/*");
        assertEquals(200, response.statusCode());
        assertEquals(server.name(), response.body());
    }

    /**
     * What a raw-socket client saw: the status (-1 if none came), the bytes, whether the server closed
     * the connection (end of stream or reset) and how long it all took.
     */
    private record Exchange(int status, String text, boolean closed, long millis) {
        String summary() {
            return (status > 0 ? String.valueOf(status) : "no answer") + (closed ? ", closed" : ", kept open")
                    + " (" + millis + " ms)";
        }
    }

    /**
     * Sends {@code request} ({@code pause} between bytes, if not zero), then reads until the response's
     * headers are in, the server closes the connection, or {@code timeout} passes. A request the server
     * stops reading (it answered early, or hung up) is fine: what it sent back is read all the same.
     */
    private Exchange exchange(byte[] request, Duration pause, Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) timeout.toMillis());
            boolean closed = false;
            try {
                OutputStream out = socket.getOutputStream();
                if (pause.isZero()) {
                    out.write(request);
                } else {
                    for (byte b : request) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(pause);
                    }
                }
            } catch (IOException e) {
                closed = true; // the server hung up while the request was still being sent
            }
            StringBuilder text = new StringBuilder();
            try {
                InputStream in = socket.getInputStream();
                int b;
                while ((b = in.read()) >= 0) {
                    text.append((char) b);
                    if (text.indexOf("\r\n\r\n") >= 0 && !text.toString().contains("Connection: close")) {
                        break; // a complete head on a connection the server keeps: that is the answer
                    }
                }
                if (b < 0) {
                    closed = true;
                }
            } catch (SocketTimeoutException e) {
                // neither an answer nor a close within the time
            } catch (IOException e) {
                closed = true; // reset
            }
            Matcher status = STATUS_LINE.matcher(text);
            return new Exchange(status.find() ? Integer.parseInt(status.group(1)) : -1, text.toString(), closed,
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
    }

    private double secondsUntilASilentConnectionIsClosed() {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) IDLE_TIMEOUT.plusSeconds(20).toMillis());
            try {
                socket.getInputStream().read();
            } catch (SocketTimeoutException e) {
                return Double.MAX_VALUE; // never closed
            } catch (IOException e) {
                // reset: closed
            }
        } catch (IOException e) {
            throw new AssertionError("cannot connect", e);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Debian's nginx in front of the server, configured by the README's example. */
    private static final class Nginx implements AutoCloseable {

        private static final Pattern EXAMPLE = Pattern.compile(
                "<!-- nginx-example:begin -->\\s*```nginx\\R(.*?)```\\s*<!-- nginx-example:end -->", Pattern.DOTALL);

        private final Process process;
        private final Path prefix;
        private final int port;

        private Nginx(Process process, Path prefix, int port) {
            this.process = process;
            this.prefix = prefix;
            this.port = port;
        }

        /** The server block of the README's "Behind a reverse proxy", exactly as written there. */
        static String readmeExample() throws IOException {
            Path readme = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "../.."), "README.md");
            Matcher example = EXAMPLE.matcher(Files.readString(readme));
            assertTrue(example.find(), "no nginx example between nginx-example markers in " + readme);
            return example.group(1);
        }

        /**
         * Runs nginx in the foreground with {@code serverBlock} inside a minimal http block. The example's
         * ports (8000 for nginx, 8080 for whoami) become free ones, as this test's server has its own.
         */
        static Nginx start(String serverBlock, int whoamiPort) throws Exception {
            String executable = Stream.of(System.getProperty("nginx.executable", ""), "/usr/sbin/nginx")
                    .filter(path -> !path.isBlank() && Files.isExecutable(Path.of(path))).findFirst()
                    .orElseThrow(() -> new AssertionError("nginx is not installed: install it (ci/tools.sh does) "
                            + "or name it with -Dnginx.executable=..."));
            int port = Container.freePort();
            Path prefix = Files.createTempDirectory("whoami-nginx-");
            String server = serverBlock.replace("127.0.0.1:8000", "127.0.0.1:" + port)
                    .replace("127.0.0.1:8080", "127.0.0.1:" + whoamiPort);
            assertFalse(server.equals(serverBlock), "the example must listen on 127.0.0.1:8000 and proxy to 127.0.0.1:8080");
            Files.writeString(prefix.resolve("nginx.conf"), """
                    daemon off;
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log stderr warn;
                    events { worker_connections 64; }
                    http {
                        access_log off;
                        client_body_temp_path %1$s/client_body;
                        proxy_temp_path %1$s/proxy;
                        fastcgi_temp_path %1$s/fastcgi;
                        uwsgi_temp_path %1$s/uwsgi;
                        scgi_temp_path %1$s/scgi;
                    %2$s
                    }
                    """.formatted(prefix, server));
            Process process = new ProcessBuilder(executable, "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString(),
                    "-e", "stderr").redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.log").toFile()).start();
            Nginx nginx = new Nginx(process, prefix, port);
            Container.poll(Duration.ofSeconds(10), nginx::listening, Boolean::booleanValue);
            if (!nginx.listening()) {
                nginx.close();
                throw new AssertionError("nginx did not start: " + Files.readString(prefix.resolve("nginx.log")));
            }
            return nginx;
        }

        private boolean listening() {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                            .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() throws IOException {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Path> paths = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(prefix)) {
                walk.forEach(paths::add);
            }
            for (Path path : paths.reversed()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
