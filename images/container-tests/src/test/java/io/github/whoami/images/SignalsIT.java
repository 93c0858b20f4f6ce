package io.github.whoami.images;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signals, each on a container of its own: {@code docker stop}'s SIGTERM with a request in flight, and
 * SIGSTOP, which freezes the server while its HEALTHCHECK goes on asking (where the variant has one).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignalsIT {

    private final Docker docker = ImageUnderTest.docker();
    private final String image = ImageUnderTest.image();

    @Test
    @Order(1)
    void aRequestInFlightWhenDockerStopArrivesCompletes() throws Exception {
        // Not right after a load at the memory limit: the kernel reclaiming the JVM's own pages slows the stop.
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

    @Test
    @Order(2)
    void healthcheckTurnsUnhealthyWhenTheServerStopsAnsweringAndHealthyAgain() throws Exception {
        // The image's own probe, run every second, so that the test does not wait for the 10 s interval.
        try (Container probed = Container.start(docker, image, "--health-interval", "1s", "--health-timeout", "4s",
                "--health-retries", "2")) {
            if (!ImageUnderTest.variant().healthcheck()) {
                // Declared (jib): no probe to freeze the server under; what the image lacks is checked instead.
                ImageUnderTest.assertHasNoHealthcheck(probed);
                return;
            }
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
}
