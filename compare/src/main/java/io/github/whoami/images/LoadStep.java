package io.github.whoami.images;

import java.io.IOException;

/**
 * The load step: wrk against the image running under the goal's limits ({@link #LIMITS}), first with a
 * few connections, then with many busy keep-alive connections, each after a warm-up, and the server's
 * memory after start and after the load. The first load runs in windows that alternate with windows on
 * the Go server, running beside it under the same limits ({@link LoadWindows}).
 */
final class LoadStep {

    /** The container's limits under load: the memory and CPU the goals hold a variant to. */
    static final String CPUS = "1";
    static final String MEMORY = "128m";
    /** wrk's threads, as the report's method names them. */
    static final int WRK_THREADS = 1;
    /** The limits in the report's words. */
    static final String LIMITS = CPUS + " CPU and " + MEMORY.replace("m", " MB");

    private final Engine docker;
    private final Containers containers;
    private final Problems problems;
    private final int seconds;
    private final int connections;
    private final int busyConnections;

    LoadStep(Engine docker, Containers containers, Problems problems, int seconds, int connections, int busyConnections) {
        this.docker = docker;
        this.containers = containers;
        this.problems = problems;
        this.seconds = seconds;
        this.connections = connections;
        this.busyConnections = busyConnections;
    }

    /**
     * Runs {@code image} detached under the limits and waits for its first 200 (a problem if none comes).
     *
     * @return the container's name: the caller removes it
     */
    String startUnderLimits(String image, String namePrefix, int port) throws InterruptedException {
        String name = Containers.name(namePrefix);
        try {
            if (containers.start(image, name, port, "--cpus", CPUS, "--memory", MEMORY) == null) {
                problems.add(image + " under load: no 200 under --cpus " + CPUS + " --memory " + MEMORY + " within "
                        + containers.startTimeout().toSeconds() + " s");
                System.out.println("    " + image + "'s log: " + containers.logs(name));
            }
            return name;
        } catch (RuntimeException | Error e) {
            // The caller removes the container it is handed; one that never was handed over is removed here.
            containers.remove(name);
            throw e;
        }
    }

    /**
     * @param goUrl the Go server's /whoami, running beside the image under the same limits, whose windows
     *              alternate with the image's; null while the Go row itself is measured
     */
    Measurement.Load measure(String image, String goUrl) throws IOException, InterruptedException {
        int port = Container.freePort();
        String name = startUnderLimits(image, "load", port);
        try {
            Long rssAfterStart = rss(name);
            String url = "http://127.0.0.1:" + port + "/whoami";
            int warmup = Math.max(2, seconds / 3);
            Wrk.run(WRK_THREADS, connections, warmup, url);
            LoadWindows windows = LoadWindows.run(url, goUrl, seconds, connections);
            // A container that died under load (the kernel's OOM killer) has no RSS left to read.
            boolean running = running(name);
            Long rssAfterLoad = running ? rss(name) : null;
            Wrk busy = null;
            if (running) {
                Wrk.run(WRK_THREADS, busyConnections, warmup, url);
                busy = Wrk.run(WRK_THREADS, busyConnections, seconds, url);
                running = running(name);
            }
            if (windows.requestsPerSecond() == null) {
                problems.add(image + " with " + connections + " connections: wrk printed no rate");
                System.out.println("    " + image + ", wrk with " + connections + " connections:\n" + windows.failedOutput());
            } else if (windows.errors() > 0) {
                problems.add(image + " with " + connections + " connections: " + windows.errors() + " wrk errors");
                System.out.println("    " + image + ", wrk with " + connections + " connections:\n" + windows.failedOutput());
            }
            if (goUrl != null && windows.baselineRequestsPerSecond() == null) {
                problems.add("the Go server, in the windows alternating with " + image + ": wrk printed no rate");
            } else if (windows.goErrors() > 0) {
                problems.add("the Go server, in the windows alternating with " + image + ": " + windows.goErrors()
                        + " wrk errors");
            }
            Double busyRate = busy == null ? null : LoadWindows.rate(busy);
            Long busyErrors = busyRate == null ? null : busy.errors();
            if (busy != null && busyRate == null) {
                problems.add(image + " with " + busyConnections + " connections: wrk printed no rate");
                System.out.println("    " + image + ", wrk with " + busyConnections + " connections:\n" + busy.output());
            } else if (busyErrors != null && busyErrors > 0) {
                problems.add(image + " with " + busyConnections + " connections: " + busyErrors + " wrk errors");
                System.out.println("    " + image + ", wrk with " + busyConnections + " connections:\n" + busy.output());
            }
            if (!running) {
                problems.add(image + " under load: the container stopped, its memory and the load with "
                        + busyConnections + " connections could not be measured");
                System.out.println("    " + image + " stopped under load: " + docker.run("inspect", "--format",
                        "exit code {{.State.ExitCode}}, OOMKilled {{.State.OOMKilled}}", name));
            }
            boolean oomKilled = Boolean.parseBoolean(docker.run("inspect", "--format", "{{.State.OOMKilled}}", name));
            return new Measurement.Load(rssAfterStart, rssAfterLoad, windows.requestsPerSecond(),
                    windows.baselineRequestsPerSecond(), windows.requestsPerSecond() == null ? null : windows.errors(),
                    busyRate, busyErrors, oomKilled);
        } finally {
            containers.remove(name);
        }
    }

    private boolean running(String name) {
        return Boolean.parseBoolean(docker.run("inspect", "--format", "{{.State.Running}}", name));
    }

    /** The RSS of the container's largest process, its server; null when docker top lists none. */
    private Long rss(String name) {
        long kib = docker.largestRssKib(name);
        return kib < 0 ? null : kib;
    }
}
