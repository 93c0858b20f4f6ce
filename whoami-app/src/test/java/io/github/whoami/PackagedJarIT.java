package io.github.whoami;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged jar as a user runs it: {@code java -jar target/whoami-app.jar}, in its own process,
 * with its dependencies found through the manifest class path in {@code target/libs/}.
 */
class PackagedJarIT {

    private static final Pattern STARTED = Pattern.compile("whoami started in (\\d+) ms, listening on port (\\d+)");
    private static final Path JAR = Path.of("target", "whoami-app.jar");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process server;

    @AfterEach
    void killServer() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void packagedJarServesWhoamiAndShutsDownCleanlyOnSigterm() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
        assertTrue(Files.isDirectory(Path.of("target", "libs")), "dependencies sit beside the jar in libs/");
        Thread reader = start();

        int port = awaitStartLine();
        HttpResponse<String> response = HTTP.send(whoami(port, ""), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(KernelHostname.read(), response.body());

        long stopAsked = System.nanoTime();
        sigterm(reader);
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAsked);
        assertTrue(output.stream().anyMatch(line -> line.contains("Shutdown finished")),
                "Helidon logs its graceful shutdown; output: " + output);
        System.out.println("SIGTERM to exit: " + stopMillis + " ms");
    }

    /**
     * A request in flight holds the shutdown back for its second, long after the JVM's own logging
     * shutdown hook ran: the lines Helidon logs after it still reach the output (ShutdownSafeLogManager).
     */
    @Test
    void aRequestInFlightAtSigtermIsAnsweredAndTheShutdownAfterItIsStillLogged() throws Exception {
        Thread reader = start();
        int port = awaitStartLine();
        CompletableFuture<HttpResponse<String>> inFlight = HTTP.sendAsync(whoami(port, "?wait=1s"),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        sigterm(reader);
        assertEquals(200, inFlight.get(5, TimeUnit.SECONDS).statusCode(), "the request in flight is answered");
        assertTrue(output.stream().anyMatch(line -> line.contains("Shutdown finished")),
                "the shutdown's last line, logged after the request was answered; output: " + output);
    }

    /** Starts the jar in its own process; returns the thread that collects its output. */
    private Thread start() throws java.io.IOException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString())
                .redirectErrorStream(true);
        // Port 0: the kernel picks a free one and the start line tells which.
        builder.environment().put("SERVER_PORT", "0");
        server = builder.start();
        return Thread.ofPlatform().daemon().start(this::collectOutput);
    }

    /** SIGTERM, as `docker stop` sends it; returns once the server has exited with 143 and its output is read. */
    private void sigterm(Thread reader) throws InterruptedException {
        // Through the handle: Process.destroy() would also close the pipes, and the shutdown log lines
        // would never reach us.
        server.toHandle().destroy();
        assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the server exits within 10 s of SIGTERM");
        reader.join(Duration.ofSeconds(5)); // the last lines are still in the pipe
        // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited as the signal asks.
        assertEquals(143, server.exitValue(), "exit code after SIGTERM; output: " + output);
    }

    private static HttpRequest whoami(int port, String query) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/whoami" + query))
                .timeout(Duration.ofSeconds(10)).build();
    }

    private int awaitStartLine() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                Matcher started = STARTED.matcher(line);
                if (started.find()) {
                    return Integer.parseInt(started.group(2));
                }
            }
            if (!server.isAlive()) {
                fail("the server exited with " + server.exitValue() + " before starting; output: " + output);
            }
            Thread.sleep(50);
        }
        return fail("no start line within 30 s; output: " + output);
    }

    private void collectOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(output::add);
        } catch (java.io.IOException e) {
            output.add("(output unreadable: " + e + ")");
        }
    }
}
