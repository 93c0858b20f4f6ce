package io.github.whoami.images;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The image this module built, on the real engine: run it as a user would and check what a user would
 * check. Every image module runs this same class; {@link Variant} says what differs.
 *
 * <p>The container runs with host networking (this project's machines have no bridge network, and its
 * tests only talk to 127.0.0.1), on a free port given through {@code SERVER_PORT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(60);
    private static final String UID = "10001";

    private final Docker docker = new Docker(System.getProperty("docker.executable", "docker"));
    private final String image = System.getProperty("image.name");
    private final Variant variant = Variant.fromTag(System.getProperty("image.variant"));
    private final String hostname = "whoami-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private String container;
    private int port;

    @BeforeAll
    void startContainer() throws Exception {
        port = freePort();
        container = docker.run("run", "--detach", "--network", "host", "--hostname", hostname,
                "--name", hostname, "--env", "SERVER_PORT=" + port, image);
        awaitFirstAnswer();
    }

    @AfterAll
    void removeContainer() {
        if (container != null) {
            docker.exec(Duration.ofSeconds(30), "rm", "--force", container);
        }
    }

    @Test
    @Order(1)
    void whoamiAnswersExactlyTheContainerHostName() throws Exception {
        HttpResponse<String> response = get("/whoami", "*/*");
        assertEquals(200, response.statusCode());
        assertEquals(hostname, response.body());
    }

    @Test
    @Order(2)
    void jsonViewNamesTheVariantAndTheJava25Runtime() throws Exception {
        String json = get("/whoami", "application/json").body();
        assertTrue(json.contains("\"variant\":\"" + variant.tag() + "\""), json);
        assertTrue(json.contains("\"hostname\":\"" + hostname + "\""), json);
        assertTrue(json.contains("\"javaVersion\":\"25"), json);
    }

    @Test
    @Order(3)
    void serverRunsAsNonRootNumericUid() {
        assertEquals(UID, docker.run("inspect", "--format", "{{.Config.User}}", image));
        List<String> uids = docker.top(container, "uid");
        assertFalse(uids.isEmpty(), "the container has processes");
        assertTrue(uids.stream().allMatch(UID::equals), "every process runs as " + UID + ": " + uids);
    }

    @Test
    @Order(4)
    void buildToolsAreInTheImageOnlyWhereTheVariantKeepsThem() {
        List<String> files = docker.listFiles(image);
        boolean javac = files.stream().anyMatch(path -> path.endsWith("bin/javac"));
        boolean maven = files.stream().anyMatch(path -> path.endsWith("bin/mvn") || path.contains("share/maven/"));
        // The cache mount's empty mount point may stay; no file may be under it.
        boolean mavenRepository = files.stream().anyMatch(path -> path.matches(".*\\.m2/repository/.+"));
        boolean sources = files.stream().anyMatch(path -> path.endsWith("whoami-app/src/main/java/io/github/whoami/Main.java"));

        if (variant.keepsBuildTools()) {
            // The single-stage image keeps what built it: that is the size the other variants save.
            assertTrue(javac, "traditional keeps the JDK's javac");
            assertTrue(maven, "traditional keeps Maven");
            assertTrue(sources, "traditional keeps the sources");
        } else {
            assertFalse(javac, "no javac in " + image);
            assertFalse(maven, "no Maven in " + image);
            assertFalse(sources, "no sources in " + image);
        }
        // The BuildKit cache mount keeps the Maven repository out of every image, even the single-stage one.
        assertFalse(mavenRepository, "no Maven repository in " + image);
    }

    @Test
    @Order(5)
    void javaRuntimeHoldsTheModulesTheVariantPromises() {
        List<String> modules = docker.run("run", "--rm", "--network", "none", "--entrypoint", "java", image,
                        "--list-modules")
                .lines().map(line -> line.replaceFirst("@.*", "")).sorted().toList();
        variant.runtimeModules().ifPresentOrElse(
                expected -> assertEquals(expected, modules, "jlink links only what jdeps found"),
                () -> assertTrue(modules.contains("java.se"), "a full JDK or JRE has the whole platform: " + modules));
    }

    @Test
    @Order(6)
    void ociLabelsNameTheCommitItWasBuiltFrom() {
        String labels = docker.run("inspect", "--format", "{{json .Config.Labels}}", image);
        assertTrue(labels.contains("\"org.opencontainers.image.title\":\"whoami (" + variant.tag() + ")\""), labels);
        assertTrue(labels.matches(".*\"org.opencontainers.image.revision\":\"[0-9a-f]{40}\".*"), labels);
        assertTrue(labels.matches(".*\"org.opencontainers.image.created\":\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z\".*"), labels);
        assertTrue(labels.contains("\"org.opencontainers.image.version\":\""), labels);
        assertTrue(labels.contains("\"org.opencontainers.image.source\":\"http"), labels);
    }

    @Test
    @Order(7)
    void healthcheckTurnsHealthy() throws Exception {
        String status = poll(HEALTHY_TIMEOUT,
                () -> docker.run("inspect", "--format", "{{.State.Health.Status}}", container),
                "healthy"::equals);
        assertEquals("healthy", status, "health log: "
                + docker.run("inspect", "--format", "{{json .State.Health.Log}}", container));
    }

    @Test
    @Order(8)
    void dockerStopEndsItWithinFiveSecondsWithACleanExit() {
        long start = System.nanoTime();
        docker.run("stop", "--time", "10", container);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "docker stop took " + took);
        String exitCode = docker.run("inspect", "--format", "{{.State.ExitCode}}", container);
        // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited as the signal asks.
        assertTrue(List.of("0", "143").contains(exitCode), "exit code " + exitCode);
        Docker.Result logs = docker.exec(Duration.ofSeconds(30), "logs", container);
        assertTrue(logs.stdout().contains("Shutdown finished"), "Helidon logged its shutdown: " + logs.stdout());
        System.out.printf("%s: docker stop took %d ms, exit code %s%n", image, took.toMillis(), exitCode);
    }

    private void awaitFirstAnswer() throws Exception {
        long start = System.nanoTime();
        Integer status = poll(START_TIMEOUT, () -> {
            if (!"true".equals(docker.run("inspect", "--format", "{{.State.Running}}", container))) {
                fail("the container stopped: " + docker.exec(Duration.ofSeconds(30), "logs", container));
            }
            try {
                return get("/whoami", "*/*").statusCode();
            } catch (IOException e) {
                return -1; // not listening yet
            }
        }, code -> code == 200);
        assertEquals(200, status, "no answer within " + START_TIMEOUT);
        System.out.printf("%s: first 200 on /whoami %d ms after docker run returned%n",
                image, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept).timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @FunctionalInterface
    private interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T poll(Duration timeout, Probe<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = probe.get();
        }
        return last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
