package io.github.whoami.images;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures every image variant side by side on the real engine and writes the report: a table on the
 * console and Markdown, JSON and SVG under the output directory. Run by {@code -Pcompare} after the
 * images are built; every argument is {@code key=value} (see compare/pom.xml). The variants and their
 * bases come from their poms (images/&lt;variant&gt;/pom.xml, read by {@link VariantPoms}); an argument
 * {@code property.NAME=VALUE} gives a property the value the running build has.
 */
public final class Comparison {

    private static final Pattern SERVER_STARTED = Pattern.compile("whoami started in (\\d+) ms");
    /** The source file a rebuild's one-line edit goes into, relative to the repository root. */
    private static final String EDITED_SOURCE = "whoami-app/src/main/java/io/github/whoami/Main.java";
    /** Cold pulls of each image, each into a new empty store; the report gives their median. */
    private static final int COLD_PULLS = 3;

    private final Map<String, String> options;
    private final Docker docker;
    /** Where every image is pushed, to measure what distributing it costs; set first thing in {@link #run}. */
    private Registry registry;
    /** The Go baseline's image, whose starts alternate with each variant's. */
    private String baselineImage;
    /** Every figure that could not be measured, said in a few words. */
    private final List<String> problems = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    /**
     * The lesson's Go server (baseline/go): measured in the same run as the variants, so that every figure
     * that depends on the machine is also given as a ratio to it. Not a Java variant: no AOT cache, no JIT.
     */
    static final Variant BASELINE = new Variant("go", "golang:1.25", "scratch", "image", List.of(),
            false, false, false, false, false, false);

    private Comparison(Map<String, String> options) {
        this.options = options;
        this.docker = new Docker(option("docker"));
    }

    /**
     * @param args {@code key=value} options
     * @throws Exception when a measurement cannot be made
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        new Comparison(options).run();
    }

    private String option(String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing option " + key);
        }
        return value;
    }

    /** How long a container gets to answer its first 200: option startTimeoutSeconds, 60 s unless given. */
    private Duration startTimeout() {
        return Duration.ofSeconds(Long.parseLong(options.getOrDefault("startTimeoutSeconds", "60")));
    }

    private int intOption(String key) {
        return Integer.parseInt(option(key));
    }

    private void run() throws Exception {
        // Before any build: a registry that does not answer ends the run here, in one sentence.
        registry = Registry.at(options.getOrDefault("registry", Registry.DEFAULT), docker);
        Wrk.requireInstalled();
        Registry.requireSkopeo();
        Path out = Path.of(option("out"));
        Files.createDirectories(out);
        List<Variant> variants = selected(VariantPoms.read(Path.of(option("context")), Map.of()),
                options.getOrDefault("variants", ""));
        // Pulled here, as a build pulled them: BuildKit does not tag the bases it pulls, so they are not
        // in the image store under their names until something pulls them so.
        bases(variants).forEach(base -> docker.run("pull", "--quiet", base));
        List<Measurement> measurements = new ArrayList<>();
        String goAlongside = null;
        try {
            baselineImage = buildBaseline();
            measurements.add(measure(BASELINE, baselineImage, null));
            int goPort = Container.freePort();
            goAlongside = startUnderLimits(baselineImage, "whoami-compare-go-alongside-", goPort);
            for (Variant variant : variants) {
                measurements.add(measure(variant, image(variant), "http://127.0.0.1:" + goPort + "/whoami"));
            }
        } finally {
            // A run that ends early (a refused push) leaves no tags of the registry's behind either.
            registry.untagAll();
            if (goAlongside != null) {
                docker.exec(Duration.ofSeconds(30), "rm", "--force", goAlongside);
            }
        }
        Report report = new Report(measurements, meta(variants), Goals.read(Path.of(option("context"))));
        Files.writeString(out.resolve("report.md"), report.markdown());
        Files.writeString(out.resolve("report.json"), report.json());
        Files.writeString(out.resolve("chart.svg"), report.svg());
        Files.writeString(out.resolve("readme-table.md"), report.readmeTable());
        System.out.println();
        System.out.println(report.console());
        System.out.println("Report: " + out.resolve("report.md") + ", " + out.resolve("report.json") + ", "
                + out.resolve("chart.svg") + "; the README's table: " + out.resolve("readme-table.md"));
        if (!problems.isEmpty()) {
            // A missed goal is a "no" in the report; a figure that could not be measured fails the build.
            throw new IllegalStateException("The comparison could not measure " + String.join("; ", problems)
                    + ": the report shows what it could, and the log above says why.");
        }
    }

    /**
     * The variants named in {@code names} (comma-separated), in the poms' order; all of them if it is blank.
     *
     * @throws IllegalArgumentException for a name that is no variant
     */
    static List<Variant> selected(List<Variant> variants, String names) {
        if (names == null || names.isBlank()) {
            return variants;
        }
        List<String> wanted = Stream.of(names.split(",")).map(String::strip).toList();
        List<String> known = variants.stream().map(Variant::name).toList();
        List<String> unknown = wanted.stream().filter(name -> !known.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no variant " + unknown + ": the variants are " + known);
        }
        return variants.stream().filter(variant -> wanted.contains(variant.name())).toList();
    }

    private Map<String, String> meta(List<Variant> variants) {
        Variant first = variants.getFirst();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("date", Instant.now().toString());
        meta.put("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
        meta.put("engine", docker.run("version", "--format", "{{.Server.Version}}"));
        meta.put("jdk", javaVersion(first));
        meta.put("imageStore", imageStore());
        meta.put("bases", basesNote(variants));
        meta.put("loadSeconds", option("loadSeconds"));
        meta.put("connections", option("connections"));
        meta.put("busyConnections", option("busyConnections"));
        meta.put("baseline", BASELINE.name());
        meta.put("c1Variants", String.join(",", variants.stream().filter(Variant::c1Only).map(Variant::name).toList()));
        meta.put("startRuns", option("startRuns"));
        meta.put("registry", registry.name());
        meta.put("command", ("ci/test.sh -Pcompare -Dcompare.load.seconds=" + option("loadSeconds")
                + " -Dcompare.busy.connections=" + option("busyConnections") + " -Dcompare.start.runs=" + option("startRuns")
                + " -Dcompare.build.times=" + option("buildTimes") + " -Dcompare.registry=" + registry.name()).replaceAll(" +", " "));
        return meta;
    }

    /** The engine's image store: the classic one (overlay2) or containerd's, which Docker 29 uses by default. */
    private String imageStore() {
        String driver = docker.run("info", "--format", "{{.Driver}}");
        String status = docker.run("info", "--format", "{{json .DriverStatus}}");
        return status.contains("io.containerd.snapshotter") ? "containerd (" + driver + ")" : "classic (" + driver + ")";
    }

    /** The images the builds start from: every build and runtime base but "scratch" and "none". */
    private static Stream<String> bases(List<Variant> variants) {
        return Stream.concat(Stream.of(BASELINE), variants.stream())
                .flatMap(v -> v.hasBuildImage() ? Stream.of(v.buildBase(), v.runtimeBase()) : Stream.of(v.runtimeBase()))
                .filter(base -> !base.equals("scratch")).distinct();
    }

    /**
     * Says so when the bases are stand-ins (ci/fill-mirror.sh labels them), not the official images; the
     * report's caption then adds what that changes ({@link Report#STAND_INS}).
     */
    private String basesNote(List<Variant> variants) {
        List<String> standIns = bases(variants)
                .filter(base -> docker.run("image", "inspect", "--format",
                        "{{index .Config.Labels \"org.opencontainers.image.description\"}}", base).contains("Stand-in"))
                .toList();
        if (standIns.isEmpty()) {
            return "";
        }
        return "Bases: " + String.join(", ", standIns) + " are stand-ins built by ci/fill-mirror.sh from Debian packages "
                + "and pulled under the official names through the engine's registry mirror ("
                + docker.run("info", "--format", "{{.RegistryConfig.Mirrors}}") + "), not the official images "
                + "(docs/without-a-registry.md).";
    }

    private String javaVersion(Variant variant) {
        String name = "whoami-compare-java-version-" + System.nanoTime();
        try {
            Docker.Result result = docker.exec(Duration.ofSeconds(60), "run", "--rm", "--name", name,
                    "--network", "none", "--entrypoint", "java", image(variant), "-version");
            return result.stderr().lines().findFirst().orElse("").strip();
        } finally {
            // --rm removes it once it exits; one that outlived the time limit is removed here.
            docker.exec(Duration.ofSeconds(30), "rm", "--force", name);
        }
    }

    private String image(Variant variant) {
        return option("repository") + ":" + variant.name();
    }

    /** Builds the Go baseline from its own folder, as its Dockerfile's header says, and names its image. */
    private String buildBaseline() {
        String image = option("repository") + "-baseline:go";
        System.out.println("==> Building " + image + " from " + option("baseline"));
        Docker.Result result = docker.exec(Duration.ofMinutes(10), "build", "--quiet", "--network=" + option("network"),
                "--tag=" + image, option("baseline"));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("docker build of the Go baseline failed: " + result.stderr());
        }
        return image;
    }

    /**
     * @param goUrl the Go server's /whoami, running beside the variant under the same limits, whose load windows
     *              alternate with the variant's; {@code null} while the Go row itself is measured
     */
    private Measurement measure(Variant variant, String image, String goUrl) throws Exception {
        boolean baseline = variant == BASELINE;
        String base = variant.runtimeBase();
        System.out.println("==> Measuring " + image);

        ImageLayers layers = ImageLayers.of(docker, option("docker"), image);
        Distribution distribution = new Distribution(image, registryRepository(), variant.name());
        // FROM scratch is no image: nothing to pull, and nothing under the app.
        boolean scratch = variant.fromScratch();
        String baseId = "(none: an empty image)";
        long baseSize = 0;
        if (!scratch) {
            baseSize = ImageLayers.of(docker, option("docker"), base).bytes();
            baseId = docker.run("image", "inspect", "--format", "{{.Id}} {{range .RepoDigests}}{{.}} {{end}}", base);
        }

        List<String> files = docker.listFilesVerbose(image);
        boolean shell = files.stream().anyMatch(line -> line.matches(".* (\\./)?(usr/)?bin/sh( -> .*)?$"));
        boolean packageManager = files.stream()
                .anyMatch(line -> line.matches(".* (\\./)?(usr/)?s?bin/(apt-get|dpkg|apk)( -> .*)?$"));
        boolean javac = files.stream().anyMatch(line -> line.matches(".*/bin/javac( -> .*)?$"));
        boolean maven = files.stream().anyMatch(line -> line.matches(".*/bin/mvn( -> .*)?$"));
        int executables = (int) files.stream().filter(line -> line.startsWith("-") && line.substring(0, 10).contains("x"))
                .count();
        boolean healthcheck = !docker.run("image", "inspect", "--format", "{{json .Config.Healthcheck}}", image).equals("null");
        if (healthcheck != variant.healthcheck()) {
            problems.add(image + (healthcheck ? " has a HEALTHCHECK" : " has no HEALTHCHECK") + ", but its pom says image.healthcheck "
                    + variant.healthcheck());
        }

        List<Long> startups = new ArrayList<>();
        List<Long> serverStarts = new ArrayList<>();
        // Each start followed by one of the Go server's: the ratio compares starts of the same minutes.
        List<Long> baselineStartups = new ArrayList<>();
        for (int run = 0; run < intOption("startRuns"); run++) {
            long[] startup = startOnce(image, !baseline);
            startups.add(startup[0]);
            serverStarts.add(startup[1]);
            if (!baseline) {
                baselineStartups.add(startOnce(baselineImage, false)[0]);
            }
        }

        Load load = loadTest(image, goUrl);

        Build cold = new Build(-1, false);
        Build rebuild = new Build(-1, false);
        if (!baseline) {
            boolean dockerfile = Files.isRegularFile(Path.of(option("context"), "images", variant.name(), "Dockerfile"));
            if (Boolean.parseBoolean(option("buildTimes"))) {
                cold = dockerfile ? coldBuild(variant) : coldMavenBuild(variant);
            }
            // The rebuild pair the registry's update figure needs; timed only when build times are on.
            Build timed = dockerfile ? rebuildAfterSourceEdit(variant, distribution) : mavenRebuildAfterSourceEdit(variant, distribution);
            if (Boolean.parseBoolean(option("buildTimes"))) {
                rebuild = timed;
            }
        }
        registry.untag(distribution.references);
        return new Measurement(variant.name(), image, base, baseId.strip(), layers.bytes(),
                layers.layers(), layers.bytes() - baseSize, distribution.storedBytes, distribution.updateBytes,
                distribution.coldPullMillis,
                shell, packageManager, javac, maven, healthcheck, executables, startups, serverStarts,
                baseline ? startups : baselineStartups,
                load.rssAfterStartKib, load.rssAfterLoadKib, load.requestsPerSecond, load.baselineRequestsPerSecond, load.errors,
                load.busyRequestsPerSecond, load.busyErrors, load.oomKilled,
                cold.millis(), rebuild.millis(), rebuild.dependenciesCached());
    }

    /** The repository the images go to in the registry: this run's image repository, the Go server's too. */
    private String registryRepository() {
        return option("repository").replaceAll(".*/", "");
    }

    /**
     * What distributing one image costs, measured against the registry: {@code TAG-v1} is the image
     * measured, pushed; the bytes the registry stores for it (its manifest's config and layers, as pushed,
     * compressed) and the median time of {@value #COLD_PULLS} cold pulls of it. Then {@link #before} and
     * {@link #after} push the two builds around a one-line source edit, made one after the other on the
     * same caches, as {@code TAG-before} and {@code TAG-after}: what the second has that the first has not
     * is the update.
     * Not v1 against the edited build: v1's module build may have taken other cache records (a runtime
     * layer linked in an earlier build, say), and a layer that differs for that reason alone is no cost of
     * the edit.
     */
    private final class Distribution {
        /** The references pushed, tagged locally until the variant is measured. */
        final List<String> references = new ArrayList<>();
        private final String repository;
        private final String tag;
        private Registry.Manifest beforeEdit;
        long storedBytes = -1;
        long coldPullMillis = -1;
        long updateBytes = -1;

        Distribution(String image, String repository, String tag) throws InterruptedException {
            this.repository = repository;
            this.tag = tag;
            String reference = push(image, "v1");
            Registry.Manifest v1 = manifest(reference);
            storedBytes = v1 == null ? -1 : v1.bytes();
            try {
                List<Long> pulls = new ArrayList<>();
                for (int pull = 0; pull < COLD_PULLS; pull++) {
                    pulls.add(registry.coldPull(reference));
                }
                coldPullMillis = Measurement.median(pulls);
            } catch (IOException e) {
                problems.add(reference + "'s cold pull: " + e.getMessage());
                System.out.println("    cannot pull " + reference + ": " + e.getMessage());
            }
        }

        private String push(String image, String version) {
            String reference = registry.reference(repository, tag + "-" + version);
            references.add(reference);
            registry.push(image, reference);
            return reference;
        }

        /** Pushes the build before the edit as {@code TAG-before}. */
        void before(String image) throws InterruptedException {
            beforeEdit = manifest(push(image, "before"));
        }

        /** Pushes the build after the edit as {@code TAG-after}: its blobs the one before lacks are the update. */
        void after(String image) throws InterruptedException {
            Registry.Manifest afterEdit = manifest(push(image, "after"));
            if (beforeEdit != null && afterEdit != null) {
                updateBytes = afterEdit.bytesNotIn(beforeEdit);
            }
        }

        /** The manifest of a pushed reference, or null, with a problem said, when it cannot be read. */
        private Registry.Manifest manifest(String reference) throws InterruptedException {
            try {
                return registry.manifest(reference);
            } catch (IOException | RuntimeException e) {
                problems.add(reference + "'s manifest: " + e.getMessage());
                System.out.println("    cannot read the manifest of " + reference + ": " + e);
                return null;
            }
        }
    }

    /**
     * One start: milliseconds from {@code docker run} to the first 200, and the server's own figure (a Java
     * variant's start line; -1 for the Go baseline, which prints none). Every start also checks what a user
     * checks: the answer is the container's host name, and {@code docker stop} ends it without the SIGKILL
     * that comes after 10 s.
     */
    private long[] startOnce(String image, boolean startLine) throws Exception {
        int port = Container.freePort();
        String name = "whoami-compare-" + System.nanoTime();
        long start = System.nanoTime();
        try {
            docker.run("run", "--detach", "--network", "host", "--name", name, "--env", "SERVER_PORT=" + port, image);
            long deadline = start + startTimeout().toNanos();
            while (System.nanoTime() < deadline) {
                if (status(port) == 200) {
                    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                    long serverStart = startLine ? serverStartedMillis(name) : -1;
                    if (startLine && serverStart < 0) {
                        problems.add(image + "'s start-up: no \"whoami started in\" line in its log");
                    }
                    checkHostNameAndStop(image, name, port);
                    return new long[] {millis, serverStart};
                }
                Thread.sleep(5);
            }
            problems.add(image + "'s start-up: no 200 on /whoami within " + startTimeout().toSeconds() + " s of docker run");
            System.out.println("    " + image + " did not answer within " + startTimeout().toSeconds() + " s: " + docker.exec(Duration.ofSeconds(30), "logs", name).stdout());
            return new long[] {-1, -1};
        } finally {
            docker.exec(Duration.ofSeconds(30), "rm", "--force", name);
        }
    }

    private void checkHostNameAndStop(String image, String container, int port) throws Exception {
        String hostname = docker.run("inspect", "--format", "{{.Config.Hostname}}", container);
        String body = getWhoami(port, HttpResponse.BodyHandlers.ofString()).body().strip();
        if (!body.equals(hostname)) {
            problems.add(image + " answered \"" + body + "\" on /whoami, not its host name " + hostname);
        }
        long stopStart = System.nanoTime();
        docker.exec(Duration.ofSeconds(30), "stop", container);
        long stopMillis = Duration.ofNanos(System.nanoTime() - stopStart).toMillis();
        if (stopMillis >= 9_000) {
            problems.add(image + " took " + stopMillis + " ms to stop: it ignores docker stop's SIGTERM until the SIGKILL");
        }
    }

    private long serverStartedMillis(String container) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            Matcher started = SERVER_STARTED.matcher(docker.exec(Duration.ofSeconds(30), "logs", container).stdout());
            if (started.find()) {
                return Long.parseLong(started.group(1));
            }
            Thread.sleep(20);
        }
        return -1;
    }

    private record Load(long rssAfterStartKib, long rssAfterLoadKib, double requestsPerSecond, double baselineRequestsPerSecond,
                        long errors, double busyRequestsPerSecond, long busyErrors, boolean oomKilled) {
    }

    /**
     * Runs {@code image} detached under the goal's limits, one CPU and 128 MB of memory, and waits for its
     * first 200 (a problem if none comes).
     *
     * @return the container's name
     */
    private String startUnderLimits(String image, String namePrefix, int port) throws Exception {
        String name = namePrefix + System.nanoTime();
        try {
            docker.run("run", "--detach", "--network", "host", "--name", name, "--cpus", "1", "--memory", "128m",
                    "--env", "SERVER_PORT=" + port, image);
            long deadline = System.nanoTime() + startTimeout().toNanos();
            while (status(port) != 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (status(port) != 200) {
                problems.add(image + " under load: no 200 under --cpus 1 --memory 128m within " + startTimeout().toSeconds() + " s");
                System.out.println("    " + image + " did not answer under --cpus 1 --memory 128m: "
                        + docker.exec(Duration.ofSeconds(30), "logs", name).stdout());
            }
            return name;
        } catch (Exception | Error e) {
            // The caller removes the container it is handed; one that never was handed over is removed here.
            docker.exec(Duration.ofSeconds(30), "rm", "--force", name);
            throw e;
        }
    }

    /**
     * wrk against the image running under the goal's limits, one CPU and 128 MB of memory: first with
     * {@code connections}, then with {@code busyConnections} keep-alive connections, each after a warm-up.
     * The first load runs in windows that alternate with windows on the Go server ({@code goUrl}, if given).
     */
    private Load loadTest(String image, String goUrl) throws Exception {
        int port = Container.freePort();
        String name = startUnderLimits(image, "whoami-compare-load-", port);
        try {
            long rssAfterStart = docker.largestRssKib(name);
            String url = "http://127.0.0.1:" + port + "/whoami";
            int seconds = intOption("loadSeconds");
            int warmup = Math.max(2, seconds / 3);
            Wrk.run(1, intOption("connections"), warmup, url);
            Windows windows = alternating(url, goUrl, seconds);
            // A container that died under load (the kernel's OOM killer) has no RSS left to read.
            boolean running = Boolean.parseBoolean(docker.run("inspect", "--format", "{{.State.Running}}", name));
            long rssAfterLoad = running ? docker.largestRssKib(name) : -1;
            Wrk busy = null;
            if (running) {
                Wrk.run(1, intOption("busyConnections"), warmup, url);
                busy = Wrk.run(1, intOption("busyConnections"), seconds, url);
                running = Boolean.parseBoolean(docker.run("inspect", "--format", "{{.State.Running}}", name));
            }
            if (windows.errors() > 0) {
                problems.add(image + " with " + option("connections") + " connections: " + windows.errors() + " wrk errors");
                System.out.println("    " + image + ", wrk with " + option("connections") + " connections:\n" + windows.failedOutput());
            }
            if (windows.goErrors() > 0) {
                problems.add("the Go server, in the windows alternating with " + image + ": " + windows.goErrors() + " wrk errors");
            }
            if (busy != null && busy.errors() > 0) {
                problems.add(image + " with " + option("busyConnections") + " connections: " + busy.errors() + " wrk errors");
                System.out.println("    " + image + ", wrk with " + option("busyConnections") + " connections:\n" + busy.output());
            }
            if (!running) {
                problems.add(image + " under load: the container stopped, its memory could not be read");
                System.out.println("    " + image + " stopped under load: "
                        + docker.run("inspect", "--format", "exit code {{.State.ExitCode}}, OOMKilled {{.State.OOMKilled}}", name));
            }
            boolean oomKilled = Boolean.parseBoolean(docker.run("inspect", "--format", "{{.State.OOMKilled}}", name));
            return new Load(rssAfterStart, rssAfterLoad, windows.requestsPerSecond(), windows.baselineRequestsPerSecond(),
                    windows.errors(), busy == null ? 0 : busy.requestsPerSecond(), busy == null ? 1 : busy.errors(), oomKilled);
        } finally {
            docker.exec(Duration.ofSeconds(30), "rm", "--force", name);
        }
    }

    /** About how long each load window lasts: long enough for wrk's rate, short next to the VM's drifts. */
    private static final int WINDOW_SECONDS = 5;

    private record Windows(double requestsPerSecond, double baselineRequestsPerSecond, long errors, long goErrors,
                           String failedOutput) {
    }

    /**
     * {@code seconds} of load on {@code url} in windows of about {@link #WINDOW_SECONDS}, each followed by a
     * window as long on {@code goUrl} if given. A VM's share of the CPU drifts by more than the rates differ;
     * windows side by side share the drift, so their ratio holds where rates measured minutes apart do not.
     * The rates are the windows' means (equal windows: all requests over all the time); without a Go server
     * the Go rate is the image's own.
     */
    private Windows alternating(String url, String goUrl, int seconds) throws InterruptedException {
        int count = Math.max(1, seconds / WINDOW_SECONDS);
        int windowSeconds = seconds / count;
        int connections = intOption("connections");
        double rate = 0;
        double goRate = 0;
        long errors = 0;
        long goErrors = 0;
        StringBuilder failed = new StringBuilder();
        for (int window = 0; window < count; window++) {
            Wrk wrk = Wrk.run(1, connections, windowSeconds, url);
            rate += wrk.requestsPerSecond();
            errors += wrk.errors();
            if (wrk.errors() > 0) {
                failed.append(wrk.output());
            }
            if (goUrl != null) {
                Wrk go = Wrk.run(1, connections, windowSeconds, goUrl);
                goRate += go.requestsPerSecond();
                goErrors += go.errors();
            }
        }
        return new Windows(rate / count, goUrl == null ? rate / count : goRate / count, errors, goErrors, failed.toString());
    }

    /**
     * Cold: no layer cache (--no-cache) and a Maven cache mount of its own, new and empty (the Dockerfiles'
     * MAVEN_CACHE argument names it), so every download happens; that mount alone is pruned afterwards.
     * Nothing else is pruned; Docker 20.10's BuildKit was still seen to drop the default Maven cache mount
     * on such a --no-cache build (rebuildAfterSourceEdit fills it again before it times anything).
     */
    private Build coldBuild(Variant variant) {
        Set<String> before = cacheMounts();
        try {
            return build(variant, Path.of(option("context")), "whoami-cold-" + System.nanoTime());
        } finally {
            for (String id : cacheMounts()) {
                if (!before.contains(id)) {
                    docker.run("builder", "prune", "--force", "--filter", "id=" + id);
                }
            }
        }
    }

    /** The ids of the engine's cache mounts ({@code docker system df -v}: "ID exec.cachemount ..."). */
    private Set<String> cacheMounts() {
        Set<String> ids = new HashSet<>();
        docker.run("system", "df", "-v").lines().map(line -> line.strip().split("\\s+"))
                .filter(fields -> fields.length > 1 && fields[1].equals("exec.cachemount"))
                .forEach(fields -> ids.add(fields[0]));
        return ids;
    }

    /**
     * A copy of the build context with one source line changed, built on top of the warm caches. The
     * context is what .dockerignore lets in: its {@code !path} lines.
     */
    private Build rebuildAfterSourceEdit(Variant variant, Distribution distribution) throws IOException, InterruptedException {
        Path copy = contextCopy();
        try {
            Path main = copy.resolve(EDITED_SOURCE);
            // A first edit, untimed: a cold build (--no-cache) on this engine's BuildKit drops the default
            // Maven cache mount, and this build fills it again, as the builds before a developer's edit would.
            // It is the version before the edit for the registry's update figure.
            appendSourceOnlyEdit(main);
            build(variant, copy, null);
            distribution.before(comparisonImage(variant));
            appendSourceOnlyEdit(main);
            Build rebuild = build(variant, copy, null);
            distribution.after(comparisonImage(variant));
            return rebuild;
        } finally {
            delete(copy);
        }
    }

    /**
     * One line added to the source: a class of its own, so that the app's jar changes as a code edit
     * changes it (a comment compiles to the same classes, and a reproducible build would ship nothing new).
     */
    private static void appendSourceOnlyEdit(Path source) throws IOException {
        Files.writeString(source, Files.readString(source) + "final class SourceEdit" + System.nanoTime() + " {}\n");
    }

    /** What .dockerignore lets into the build context (its {@code !path} lines), copied. */
    private Path contextCopy() throws IOException {
        Path context = Path.of(option("context"));
        Path copy = Files.createTempDirectory("whoami-rebuild-");
        Files.copy(context.resolve(".dockerignore"), copy.resolve(".dockerignore"));
        List<String> allowed = Files.readAllLines(context.resolve(".dockerignore")).stream()
                .filter(line -> line.startsWith("!")).map(line -> line.substring(1).strip()).toList();
        for (String allow : allowed) {
            copyTree(context, context.resolve(allow), copy, path -> true);
        }
        return copy;
    }

    /** A build's wall time, and whether the dependency layer (the first Maven RUN) came from the cache. */
    private record Build(long millis, boolean dependenciesCached) {
    }

    private static final Pattern MAVEN_STEP = Pattern.compile("(?m)^#(\\d+) \\[[^\\]]*\\] RUN .*\\bmvn\\b");

    /**
     * @param coldMavenCache null for a build on the warm caches; else a cold one: no layer cache, and the
     *                       Maven cache mount of this id (MAVEN_CACHE), new and so empty
     */
    private Build build(Variant variant, Path context, String coldMavenCache) {
        List<String> args = new ArrayList<>(List.of("build", "--progress=plain", "--network=" + option("network"),
                "--file=" + Path.of(option("context"), "images", variant.name(), "Dockerfile"),
                "--target=" + variant.target(),
                "--tag=" + option("repository") + "-compare:" + variant.name()));
        args.addAll(moduleBuildArgs(variant));
        if (coldMavenCache != null) {
            args.add("--no-cache");
            args.add("--build-arg=MAVEN_CACHE=" + coldMavenCache);
        }
        args.add(context.toString());
        long start = System.nanoTime();
        Docker.Result result = docker.exec(Duration.ofMinutes(10), args.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("docker build of " + variant.name() + " failed: " + result.stderr());
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        // BuildKit's plain progress goes to stderr: "#12 [build 5/9] RUN ... mvn ..." then "#12 CACHED".
        Matcher step = MAVEN_STEP.matcher(result.stderr());
        boolean cached = step.find() && result.stderr().contains("#" + step.group(1) + " CACHED");
        return new Build(millis, cached);
    }

    /**
     * The build arguments the variant's module built the measured image with (images/pom.xml): the labels'
     * values, read back from the image, and SOURCE_DATE_EPOCH (option sourceDateEpoch, the build's
     * project.build.outputTimestamp). With them a rebuild differs from the measured image only by what the
     * edit changes: the figure the registry's update bytes count.
     */
    private List<String> moduleBuildArgs(Variant variant) {
        List<String> args = new ArrayList<>();
        for (String label : List.of("version", "revision", "created", "source")) {
            String value = docker.run("image", "inspect", "--format",
                    "{{index .Config.Labels \"org.opencontainers.image." + label + "\"}}", image(variant));
            if (!value.isEmpty() && !value.equals("<no value>")) {
                args.add("--build-arg=" + label.toUpperCase(java.util.Locale.ROOT) + "=" + value);
            }
        }
        String epoch = options.getOrDefault("sourceDateEpoch", "");
        if (!epoch.isBlank()) {
            args.add("--build-arg=SOURCE_DATE_EPOCH=" + epoch);
        }
        return args;
    }

    /**
     * A variant with no Dockerfile (jib), built as its users build it, by Maven: a copy of the repository
     * with no target/ folders, an empty Maven local repository and empty Jib caches of its own.
     */
    private Build coldMavenBuild(Variant variant) throws IOException, InterruptedException {
        Path copy = copyOfTheRepository();
        Path caches = Files.createTempDirectory("whoami-cold-caches-");
        try {
            long millis = mavenBuild(variant, copy, "-Dmaven.repo.local=" + caches.resolve("m2"),
                    "-Djib.baseImageCache=" + caches.resolve("jib-base"), "-Djib.applicationCache=" + caches.resolve("jib-app"));
            return new Build(millis, false);
        } finally {
            delete(copy);
            delete(caches);
        }
    }

    /**
     * The same copy, built once on the warm caches (the running build's Maven repository, Jib's own
     * caches), then again after a one-line edit of Main.java, timed. Jib prints nothing like BuildKit's
     * CACHED: the dependency layer counts as reused when it comes out the same, digest for digest, as
     * before the edit, so that neither the engine nor a registry takes it again.
     */
    private Build mavenRebuildAfterSourceEdit(Variant variant, Distribution distribution)
            throws IOException, InterruptedException {
        Path copy = copyOfTheRepository();
        String repository = "-Dmaven.repo.local=" + option("mavenRepository");
        try {
            mavenBuild(variant, copy, repository);
            distribution.before(comparisonImage(variant));
            String dependencies = jibLayer(comparisonImage(variant), "dependencies");
            appendSourceOnlyEdit(copy.resolve(EDITED_SOURCE));
            long millis = mavenBuild(variant, copy, repository);
            distribution.after(comparisonImage(variant));
            return new Build(millis, dependencies.equals(jibLayer(comparisonImage(variant), "dependencies")));
        } finally {
            delete(copy);
        }
    }

    private String comparisonImage(Variant variant) {
        return option("repository") + "-compare:" + variant.name();
    }

    /**
     * The diff ID of the layer Jib names {@code comment} in the image's history: Jib's own layers are the
     * image's last ones, one per history entry it wrote, in order.
     */
    private String jibLayer(String image, String comment) {
        List<String> jibHistory = docker.run("history", "--no-trunc", "--format", "{{.CreatedBy}}\t{{.Comment}}", image)
                .lines().filter(line -> line.startsWith("jib-")).map(line -> line.substring(line.indexOf('\t') + 1))
                .toList().reversed();
        List<String> layers = List.of(docker.run("image", "inspect", "--format", "{{range .RootFS.Layers}}{{.}} {{end}}",
                image).split("\\s+"));
        int index = jibHistory.indexOf(comment);
        if (index < 0 || jibHistory.size() > layers.size()) {
            throw new IllegalStateException(image + " has no layer Jib calls \"" + comment + "\": its Jib layers are " + jibHistory);
        }
        return layers.get(layers.size() - jibHistory.size() + index);
    }

    /**
     * {@code mvnw -pl images/VARIANT -am package -DskipTests} in {@code repository}, on this JDK, tagging
     * {@code REPOSITORY-compare:VARIANT}; the wall time in milliseconds. {@code -am}: the app and the
     * container tests the module depends on are built in the same run, as on a machine that never built
     * them, never taken from a Maven repository an earlier build filled.
     */
    private long mavenBuild(Variant variant, Path repository, String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(repository.resolve("mvnw").toString(), "-B", "-ntp",
                "-pl", "images/" + variant.name(), "-am", "package", "-DskipTests",
                "-Ddocker.executable=" + option("docker"), "-Dimage.repository=" + option("repository") + "-compare",
                "-Djib.base.scheme=" + options.getOrDefault("jibBaseScheme", "")));
        command.addAll(List.of(properties));
        Path log = Files.createTempFile("whoami-maven-build-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            // Not this run's Maven arguments (-Pcompare among them): the build is the one a user runs.
            builder.environment().remove("MAVEN_ARGS");
            System.out.println("==> " + String.join(" ", command));
            long start = System.nanoTime();
            Process maven = builder.start();
            maven.getOutputStream().close();
            if (!maven.waitFor(15, java.util.concurrent.TimeUnit.MINUTES)) {
                maven.descendants().forEach(ProcessHandle::destroyForcibly);
                maven.destroyForcibly();
                throw new IllegalStateException("the Maven build of " + variant.name() + " did not finish within 15 minutes");
            }
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            if (maven.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log);
                throw new IllegalStateException("the Maven build of " + variant.name() + " failed:\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
            return millis;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The repository as it is, uncommitted edits and .git included, without any target/ folder. */
    private Path copyOfTheRepository() throws IOException {
        Path context = Path.of(option("context"));
        Path copy = Files.createTempDirectory("whoami-repository-");
        copyTree(context, context, copy, path -> !context.relativize(path).toString().matches("(.*/)?target(/.*)?"),
                StandardCopyOption.COPY_ATTRIBUTES);
        return copy;
    }

    /** Copies what {@code keep} accepts under {@code from} into {@code copy}, at its path relative to {@code context}. */
    private static void copyTree(Path context, Path from, Path copy, Predicate<Path> keep, CopyOption... options)
            throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.filter(keep).toList()) {
                Path target = copy.resolve(context.relativize(path).toString());
                Files.createDirectories(Files.isDirectory(path) ? target : target.getParent());
                if (Files.isRegularFile(path)) {
                    Files.copy(path, target, options);
                }
            }
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** GET /whoami on 127.0.0.1, within 2 s. */
    private <T> HttpResponse<T> getWhoami(int port, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/whoami"))
                .timeout(Duration.ofSeconds(2)).build(), body);
    }

    private int status(int port) {
        try {
            return getWhoami(port, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

}
