package io.github.whoami.images;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One container of the image under test, run as a user would run it: host networking (this project's
 * machines have no bridge network, and its tests only talk to 127.0.0.1), a host name to find in
 * /whoami's answer, and a free port given through {@code SERVER_PORT}. Removed on {@link #close()}.
 */
public final class Container implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** HTTP/1.1 as curl speaks it (the JDK client would otherwise ask every request to upgrade to h2c). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Docker docker;
    private final String name;
    private final int port;

    private Container(Docker docker, String name, int port) {
        this.docker = docker;
        this.name = name;
        this.port = port;
    }

    /**
     * {@code docker run --detach} with the given options before the image name, then waits for the first
     * 200 on /whoami.
     */
    public static Container start(Docker docker, String image, String... runOptions) throws Exception {
        String name = "whoami-it-" + UUID.randomUUID().toString().substring(0, 8);
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("run", "--detach", "--network", "host", "--hostname", name,
                "--name", name, "--env", "SERVER_PORT=" + port));
        args.addAll(List.of(runOptions));
        args.add(image);
        docker.run(args.toArray(String[]::new));
        Container container = new Container(docker, name, port);
        try {
            container.awaitFirstAnswer();
        } catch (Exception | AssertionError e) {
            // No test gets a container that never answered, so none would remove it: remove it here.
            container.close();
            throw e;
        }
        return container;
    }

    /** The container's name, which is also its host name. */
    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept).timeout(Duration.ofSeconds(10)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@code docker inspect --format FORMAT} of this container. */
    public String inspect(String format) {
        return docker.run("inspect", "--format", format, name);
    }

    /** The container's memory as its limit counts it, from {@code docker stats}: "used / limit". */
    public String memoryUsage() {
        return docker.run("stats", "--no-stream", "--format", "{{.MemUsage}}", name);
    }

    public String logs() {
        Docker.Result logs = docker.exec(Duration.ofSeconds(30), "logs", name);
        return logs.stdout() + logs.stderr();
    }

    /** Polls the container's HEALTHCHECK status until it is {@code wanted}; returns the last one seen. */
    public String awaitHealth(String wanted, Duration timeout) throws Exception {
        return poll(timeout, () -> inspect("{{.State.Health.Status}}"), wanted::equals);
    }

    private void awaitFirstAnswer() throws Exception {
        long start = System.nanoTime();
        Integer status = poll(START_TIMEOUT, () -> {
            if (!"true".equals(inspect("{{.State.Running}}"))) {
                throw new AssertionError("the container stopped: " + logs());
            }
            try {
                return get("/whoami", "*/*").statusCode();
            } catch (IOException e) {
                return -1; // not listening yet
            }
        }, code -> code == 200);
        if (status != 200) {
            throw new AssertionError(name + " gave no 200 on /whoami within " + START_TIMEOUT + ": " + logs());
        }
        System.out.printf("%s: first 200 on /whoami %d ms after docker run returned%n",
                name, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @Override
    public void close() {
        docker.exec(Duration.ofSeconds(30), "rm", "--force", name);
    }

    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    /** Asks {@code probe} every 200 ms until {@code done} accepts its answer or the time is up. */
    public static <T> T poll(Duration timeout, Probe<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = probe.get();
        }
        return last;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
