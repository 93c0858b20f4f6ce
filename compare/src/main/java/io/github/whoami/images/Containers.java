package io.github.whoami.images;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The containers the comparison runs: started detached on the host's network with a port of their own,
 * polled until /whoami answers 200, removed whatever happened. Start-up and load both start theirs here.
 */
final class Containers {

    /** How often a starting container is asked for /whoami: often enough that the poll adds little to a start. */
    private static final Duration POLL = Duration.ofMillis(5);

    private final Engine docker;
    private final Duration startTimeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    Containers(Engine docker, Duration startTimeout) {
        this.docker = docker;
        this.startTimeout = startTimeout;
    }

    Duration startTimeout() {
        return startTimeout;
    }

    /**
     * {@code docker run --detach} of {@code image} named {@code name}, its server on {@code port}, with
     * {@code limits} ({@code --cpus}, {@code --memory}...) if any; then waits for its first 200.
     *
     * @return milliseconds from {@code docker run} to the first 200 on /whoami, or null if none came within
     *         the start time-out (the container is left running, for its log)
     */
    Long start(String image, String name, int port, String... limits) throws InterruptedException {
        List<String> run = new ArrayList<>(List.of("run", "--detach", "--network", "host", "--name", name));
        run.addAll(List.of(limits));
        run.addAll(List.of("--env", "SERVER_PORT=" + port, image));
        long start = System.nanoTime();
        docker.run(run.toArray(String[]::new));
        long deadline = start + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(port) == 200) {
                return Duration.ofNanos(System.nanoTime() - start).toMillis();
            }
            Thread.sleep(POLL);
        }
        return null;
    }

    /** The container's log, to say why it did not answer. */
    String logs(String name) {
        return docker.exec(Duration.ofSeconds(30), "logs", name).stdout();
    }

    /** Removes the container, running or not; one that never was is no error. */
    void remove(String name) {
        docker.exec(Duration.ofSeconds(30), "rm", "--force", name);
    }

    /** A name no other container of this run has. */
    static String name(String prefix) {
        return "whoami-compare-" + prefix + "-" + System.nanoTime();
    }

    /** The body of GET /whoami on 127.0.0.1, within 2 s. */
    String whoami(int port) throws IOException, InterruptedException {
        return get(port, HttpResponse.BodyHandlers.ofString()).body().strip();
    }

    private int status(int port) {
        try {
            return get(port, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private <T> HttpResponse<T> get(int port, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/whoami"))
                .timeout(Duration.ofSeconds(2)).build(), body);
    }
}
