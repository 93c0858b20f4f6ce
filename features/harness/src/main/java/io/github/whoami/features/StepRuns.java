package io.github.whoami.features;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.whoami.images.Container;
import io.github.whoami.images.Docker;
import io.github.whoami.images.Wrk;

/**
 * Runs one step in one image (its linked runtime and its /app/jvm.options) as the comparison runs the
 * images: {@code docker run} to the first 200 on /whoami, alternating with the Go server; the RSS after
 * load under the goal's limits, one CPU and 128 MB; and, in a run of its own, the classes the JVM loads
 * until that first 200. In jlink-aot, each step first trains its own AOT cache, as the image's build
 * trains whoami's: started with -XX:AOTCacheOutput, sent requests, stopped with SIGTERM.
 */
final class StepRuns {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern STARTED = Pattern.compile("started in (\\d+) ms");
    /** A class+load line; the JVM pads the tags when other tags log too (the AOT cache's warnings). */
    private static final Pattern LOADED = Pattern.compile("\\[class,load *\\] \\S+ source: (\\S+)");
    private static final Pattern MODULE = Pattern.compile("jrt:/([\\w.]+)");

    /** What one step measured in one image. */
    record Figures(int classes, List<String> modulesLoaded, long serverStartMillis, long firstAnswerMillis,
                   long goFirstAnswerMillis, long rssAfterLoadKib) {
    }

    private final Docker docker;
    private final String goImage;
    private final int startRuns;
    private final int loadSeconds;

    StepRuns(Docker docker, String goImage, int startRuns, int loadSeconds) {
        this.docker = docker;
        this.goImage = goImage;
        this.startRuns = startRuns;
        this.loadSeconds = loadSeconds;
    }

    Figures measure(String image, boolean aot, Step step) throws Exception {
        Path aotFolder = step.folder().resolve("aot-" + image.replaceAll("\\W", "-"));
        List<String> jvm = new ArrayList<>(List.of("@/app/jvm.options"));
        List<String> volumes = new ArrayList<>(List.of("--volume", step.folder() + ":/step:ro"));
        if (aot) {
            train(image, step, aotFolder);
            jvm.add("-XX:AOTCache=/aot/step.aot");
            volumes.addAll(List.of("--volume", aotFolder + ":/aot:ro"));
        }

        List<String> counting = new ArrayList<>(jvm);
        counting.add("-Xlog:class+load=info:stdout");
        String log = startStop(image, volumes, counting, step, List.of());
        TreeSet<String> modules = new TreeSet<>();
        int classes = 0;
        for (Matcher loaded = LOADED.matcher(log); loaded.find(); classes++) {
            Matcher module = MODULE.matcher(loaded.group(1));
            if (module.matches()) {
                modules.add(module.group(1));
            }
        }

        if (classes == 0) {
            throw new IllegalStateException(step.name() + " in " + image + ": no class+load line in its log");
        }
        List<Long> starts = new ArrayList<>();
        List<Long> serverStarts = new ArrayList<>();
        List<Long> goStarts = new ArrayList<>();
        for (int run = 0; run < startRuns; run++) {
            long[] start = firstAnswer(image, volumes, jvm, step);
            starts.add(start[0]);
            serverStarts.add(start[1]);
            goStarts.add(firstAnswer(goImage, List.of(), List.of(), null)[0]);
        }
        long rss = rssAfterLoad(image, volumes, jvm, step);
        return new Figures(classes, List.copyOf(modules), median(serverStarts), median(starts), median(goStarts), rss);
    }

    /** The Go server's RSS after the same load. */
    long goRssAfterLoad() throws Exception {
        return rssAfterLoad(goImage, List.of(), List.of(), null);
    }

    private void train(String image, Step step, Path aotFolder) throws Exception {
        Files.createDirectories(aotFolder);
        // The image's user (10001) writes the cache into a folder of this machine.
        Files.setPosixFilePermissions(aotFolder, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.deleteIfExists(aotFolder.resolve("step.aot"));
        // As the jlink-aot image's build trains whoami (images/jlink-aot/Dockerfile).
        List<String> jvm = List.of("@/app/jvm.options", "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining",
                "-XX:AOTCacheOutput=/aot/step.aot");
        List<String> volumes = List.of("--volume", step.folder() + ":/step:ro", "--volume", aotFolder + ":/aot");
        startStop(image, volumes, jvm, step, List.of("/whoami", "/observe/health/ready"));
        if (!Files.isRegularFile(aotFolder.resolve("step.aot"))) {
            throw new IllegalStateException(step.name() + " in " + image + " wrote no AOT cache");
        }
    }

    /**
     * Starts the step, waits for its first 200, sends each of {@code workload} 200 times, stops it with
     * SIGTERM (the JVM writes an AOT cache as it exits) and returns its log as it was before the stop.
     */
    private String startStop(String image, List<String> volumes, List<String> jvm, Step step, List<String> workload)
            throws Exception {
        int port = Container.freePort();
        String name = run(image, volumes, jvm, step, port, List.of());
        try {
            awaitAnswer(name, port);
            for (String path : workload) {
                for (int i = 0; i < 200; i++) {
                    status(port, path, i % 2 == 0 ? "*/*" : "application/json");
                }
            }
            // The log up to here: the classes of the start and the requests, not those of the shutdown.
            String log = docker.exec(Duration.ofSeconds(60), "logs", name).stdout();
            docker.exec(Duration.ofSeconds(150), "stop", "--time", "120", name);
            return log;
        } finally {
            docker.exec(Duration.ofSeconds(30), "rm", "--force", name);
        }
    }

    /** Milliseconds from docker run to the first 200, and the server's own start line (-1 for Go). */
    private long[] firstAnswer(String image, List<String> volumes, List<String> jvm, Step step) throws Exception {
        int port = Container.freePort();
        long start = System.nanoTime();
        String name = run(image, volumes, jvm, step, port, List.of());
        try {
            awaitAnswer(name, port);
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            if (step == null) {
                return new long[] {millis, -1};
            }
            Matcher started = STARTED.matcher(docker.exec(Duration.ofSeconds(30), "logs", name).stdout());
            if (!started.find()) {
                throw new IllegalStateException(step.name() + " in " + image + " printed no start line");
            }
            return new long[] {millis, Long.parseLong(started.group(1))};
        } finally {
            docker.exec(Duration.ofSeconds(30), "rm", "--force", name);
        }
    }

    private long rssAfterLoad(String image, List<String> volumes, List<String> jvm, Step step) throws Exception {
        int port = Container.freePort();
        String name = run(image, volumes, jvm, step, port, List.of("--cpus", "1", "--memory", "128m"));
        try {
            awaitAnswer(name, port);
            String url = "http://127.0.0.1:" + port + "/whoami";
            Wrk.run(1, 32, Math.max(2, loadSeconds / 3), url);
            Wrk load = Wrk.run(1, 32, loadSeconds, url);
            if (load.errors() > 0) {
                throw new IllegalStateException(image + " under load: " + load.output());
            }
            return docker.largestRssKib(name);
        } finally {
            docker.exec(Duration.ofSeconds(30), "rm", "--force", name);
        }
    }

    /** docker run: the image's own entrypoint for the Go server (step null), else java with the step. */
    private String run(String image, List<String> volumes, List<String> jvm, Step step, int port, List<String> limits) {
        String name = "whoami-features-" + System.nanoTime();
        List<String> args = new ArrayList<>(List.of("run", "--detach", "--network", "host", "--name", name,
                "--env", "SERVER_PORT=" + port));
        args.addAll(limits);
        args.addAll(volumes);
        if (step != null) {
            args.addAll(List.of("--entrypoint", "java"));
        }
        args.add(image);
        if (step != null) {
            args.addAll(jvm);
            args.addAll(List.of("-cp", Step.CLASS_PATH, step.mainClass()));
        }
        docker.run(args.toArray(String[]::new));
        return name;
    }

    private void awaitAnswer(String name, int port) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (status(port, "/whoami", "*/*") != 200) {
            if (System.nanoTime() > deadline) {
                Docker.Result logs = docker.exec(Duration.ofSeconds(30), "logs", name);
                throw new IllegalStateException(name + " did not answer within " + START_TIMEOUT.toSeconds() + " s: "
                        + logs.stderr().strip());
            }
            Thread.sleep(5);
        }
    }

    private static int status(int port, String path, String accept) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", accept).timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
