package io.github.whoami.images;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start-up step: {@code docker run} to the first 200 on /whoami, the given number of times, each start
 * followed by one of the Go server's, so that the ratio compares starts of the same minutes. Every start
 * also checks what a user checks: the answer is the container's host name, and {@code docker stop} ends it
 * without the SIGKILL that comes after 10 s.
 */
final class StartupStep {

    private static final Pattern SERVER_STARTED = Pattern.compile("whoami started in (\\d+) ms");
    /** docker stop sends SIGKILL after 10 s: a stop that takes this long ignored the SIGTERM. */
    private static final long STOP_IGNORED_MILLIS = 9_000;

    private final Engine docker;
    private final Containers containers;
    private final Problems problems;
    private final int runs;

    StartupStep(Engine docker, Containers containers, Problems problems, int runs) {
        this.docker = docker;
        this.containers = containers;
        this.problems = problems;
        this.runs = runs;
    }

    /**
     * @param baselineImage the Go server's image, whose starts alternate with {@code image}'s; null while the
     *                      Go row itself is measured (its starts are then its own baseline)
     */
    Measurement.Startup measure(String image, String baselineImage) throws IOException, InterruptedException {
        boolean baseline = baselineImage == null;
        List<Long> startups = new ArrayList<>();
        List<Long> serverStarts = new ArrayList<>();
        List<Long> baselineStartups = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Start start = startOnce(image, !baseline);
            startups.add(start.millis());
            serverStarts.add(start.serverMillis());
            if (!baseline) {
                baselineStartups.add(startOnce(baselineImage, false).millis());
            }
        }
        return new Measurement.Startup(startups, serverStarts, baseline ? startups : baselineStartups);
    }

    /** One start: to the first 200, and the server's own figure (null for the Go server, which prints none). */
    private record Start(Long millis, Long serverMillis) {
    }

    private Start startOnce(String image, boolean startLine) throws IOException, InterruptedException {
        int port = Container.freePort();
        String name = Containers.name("start");
        try {
            Long millis = containers.start(image, name, port);
            if (millis == null) {
                problems.add(image + "'s start-up: no 200 on /whoami within " + containers.startTimeout().toSeconds()
                        + " s of docker run");
                System.out.println("    " + image + "'s log: " + containers.logs(name));
                return new Start(null, null);
            }
            Long serverStart = startLine ? serverStartedMillis(name) : null;
            if (startLine && serverStart == null) {
                problems.add(image + "'s start-up: no \"whoami started in\" line in its log");
            }
            checkHostNameAndStop(image, name, port);
            return new Start(millis, serverStart);
        } finally {
            containers.remove(name);
        }
    }

    private void checkHostNameAndStop(String image, String container, int port) throws IOException, InterruptedException {
        String hostname = docker.run("inspect", "--format", "{{.Config.Hostname}}", container);
        String body = containers.whoami(port);
        if (!body.equals(hostname)) {
            problems.add(image + " answered \"" + body + "\" on /whoami, not its host name " + hostname);
        }
        long stopStart = System.nanoTime();
        docker.exec(Duration.ofSeconds(30), "stop", container);
        long stopMillis = Duration.ofNanos(System.nanoTime() - stopStart).toMillis();
        if (stopMillis >= STOP_IGNORED_MILLIS) {
            problems.add(image + " took " + stopMillis + " ms to stop: it ignores docker stop's SIGTERM until the SIGKILL");
        }
    }

    /** The "whoami started in N ms" of the container's log, which may come a moment after the first 200. */
    private Long serverStartedMillis(String container) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            Matcher started = SERVER_STARTED.matcher(containers.logs(container));
            if (started.find()) {
                return Long.parseLong(started.group(1));
            }
            Thread.sleep(20);
        }
        return null;
    }
}
