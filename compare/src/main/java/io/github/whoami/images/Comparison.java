package io.github.whoami.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures every image variant side by side with the Go baseline on the real engine, step by step (image
 * contents, distribution, start-up, load, builds), and writes the report: a table on the console and
 * Markdown, JSON and SVG under the output directory. Run by {@code -Pcompare} after the images are built;
 * its options are read by {@link ComparisonOptions}. A figure a step could not measure is absent from the
 * report, and fails the run once the report is written.
 */
public final class Comparison {

    private final ComparisonOptions options;
    private final Engine docker;
    private final Problems problems = new Problems();
    private final Registry registry;
    private final Containers containers;

    private Comparison(ComparisonOptions options) {
        this.options = options;
        this.docker = new Engine(options.docker());
        // Before any build: a registry that does not answer ends the run here, in one sentence.
        this.registry = Registry.at(options.registry(), docker);
        this.containers = new Containers(docker, options.startTimeout());
    }

    /**
     * @param args {@code key=value} options (compare/pom.xml)
     * @throws IllegalStateException naming every figure that could not be measured, after the report is written
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        new Comparison(ComparisonOptions.parse(args)).run();
    }

    private void run() throws IOException, InterruptedException {
        Wrk.requireInstalled();
        Registry.requireSkopeo();
        Files.createDirectories(options.out());
        Variant baseline = Baseline.read(options.baseline());
        List<Variant> variants = selected(VariantPoms.read(options.context(), Map.of()), options.variants());
        // Pulled here, as a build pulled them: BuildKit does not tag the bases it pulls, so they are not
        // in the image store under their names until something pulls them so.
        bases(baseline, variants).forEach(base -> docker.run("pull", "--quiet", base));
        List<Measurement> measurements = new ArrayList<>();
        LoadStep load = new LoadStep(docker, containers, problems, options.loadSeconds(), options.connections(),
                options.busyConnections());
        String goAlongside = null;
        try {
            String baselineImage = buildBaseline();
            measurements.add(measure(baseline, baselineImage, null, null));
            int goPort = Container.freePort();
            goAlongside = load.startUnderLimits(baselineImage, "go-alongside", goPort);
            for (Variant variant : variants) {
                measurements.add(measure(variant, options.image(variant.name()), baselineImage,
                        "http://127.0.0.1:" + goPort + "/whoami"));
            }
        } finally {
            // A run that ends early (a refused push) leaves no tags of the registry's behind either.
            registry.untagAll();
            if (goAlongside != null) {
                containers.remove(goAlongside);
            }
        }
        Report report = new Report(measurements, meta(baseline, variants), Goals.read(options.context()),
                problems.all());
        report.write(options.out());
        if (!problems.isEmpty()) {
            // A missed goal is a "no" in the report; a figure that could not be measured fails the build.
            throw new IllegalStateException("The comparison could not measure " + String.join("; ", problems.all())
                    + ": the report shows what it could, and the log above says why.");
        }
    }

    /**
     * One variant, step by step.
     *
     * @param baselineImage the Go server's image, whose starts alternate with the variant's; null for the Go row
     * @param goUrl         the Go server's /whoami, running beside the variant under the same limits, whose load
     *                      windows alternate with the variant's; null for the Go row
     */
    private Measurement measure(Variant variant, String image, String baselineImage, String goUrl)
            throws IOException, InterruptedException {
        System.out.println("==> Measuring " + image);
        String name = variant.name();
        Measurement.Contents contents = step("image contents", name,
                () -> new ImageContents(docker, problems).measure(variant, image));
        DistributionStep distribution = new DistributionStep(registry, problems,
                options.repository().replaceAll(".*/", ""), name);
        step("distribution", name, () -> {
            distribution.pushMeasured(image);
            return null;
        });
        Measurement.Startup startup = step("start-up", name,
                () -> new StartupStep(docker, containers, problems, options.startRuns()).measure(image, baselineImage));
        Measurement.Load load = step("load", name, () -> new LoadStep(docker, containers, problems,
                options.loadSeconds(), options.connections(), options.busyConnections()).measure(image, goUrl));
        // The Go baseline is not rebuilt: it has no build figures, nor an update to ship.
        Measurement.Builds builds = baselineImage == null ? Measurement.Builds.NONE
                : step("build", name, () -> new BuildStep(docker, options).measure(variant, distribution));
        return new Measurement(name, contents, distribution.result(), startup, load, builds);
    }

    private interface Step<T> {
        T run() throws IOException, InterruptedException;
    }

    /**
     * Runs one step; a failure that ends it (docker failing, a build that breaks) ends the run in one
     * sentence naming the step, the variant and what failed.
     */
    private static <T> T step(String step, String variant, Step<T> body) throws IOException, InterruptedException {
        try {
            return body.run();
        } catch (RuntimeException | IOException e) {
            throw new IllegalStateException("The " + step + " step of " + variant + " failed: " + e.getMessage());
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

    /** Builds the Go baseline from its own folder, as its Dockerfile's header says, and names its image. */
    private String buildBaseline() {
        String image = options.repository() + "-baseline:" + Baseline.NAME;
        System.out.println("==> Building " + image + " from " + options.baseline());
        Engine.Result result = docker.exec(Duration.ofMinutes(10), "build", "--quiet", "--network=" + options.network(),
                "--tag=" + image, options.baseline().toString());
        if (result.exitCode() != 0) {
            throw new IllegalStateException("The docker build of the Go baseline failed: " + result.stderr().strip());
        }
        return image;
    }

    /** What the report says of the run: the machine, the engine, the bases, and the options it ran with. */
    private Map<String, String> meta(Variant baseline, List<Variant> variants) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("date", Instant.now().toString());
        meta.put("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
        meta.put("engine", docker.run("version", "--format", "{{.Server.Version}}"));
        meta.put("jdk", javaVersion(variants.getFirst()));
        meta.put("imageStore", imageStore());
        meta.put("bases", basesNote(baseline, variants));
        meta.put("loadSeconds", String.valueOf(options.loadSeconds()));
        meta.put("connections", String.valueOf(options.connections()));
        meta.put("busyConnections", String.valueOf(options.busyConnections()));
        meta.put("baseline", baseline.name());
        meta.put("c1Variants", String.join(",", variants.stream().filter(Variant::c1Only).map(Variant::name).toList()));
        meta.put("startRuns", String.valueOf(options.startRuns()));
        meta.put("registry", registry.name());
        meta.put("command", options.command());
        return meta;
    }

    /** The engine's image store: the classic one (overlay2) or containerd's, which Docker 29 uses by default. */
    private String imageStore() {
        String driver = docker.run("info", "--format", "{{.Driver}}");
        String status = docker.run("info", "--format", "{{json .DriverStatus}}");
        return status.contains("io.containerd.snapshotter") ? "containerd (" + driver + ")" : "classic (" + driver + ")";
    }

    /** The images the builds start from: every build and runtime base but "scratch" and "none". */
    private static Stream<String> bases(Variant baseline, List<Variant> variants) {
        return Stream.concat(Stream.of(baseline), variants.stream())
                .flatMap(v -> v.hasBuildImage() ? Stream.of(v.buildBase(), v.runtimeBase()) : Stream.of(v.runtimeBase()))
                .filter(base -> !base.equals("scratch")).distinct();
    }

    /**
     * Says so when the bases are stand-ins (ci/fill-mirror.sh labels them), not the official images; the
     * report's caption then adds what that changes ({@link MarkdownReport#STAND_INS}).
     */
    private String basesNote(Variant baseline, List<Variant> variants) {
        List<String> standIns = bases(baseline, variants)
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
        String name = Containers.name("java-version");
        try {
            Engine.Result result = docker.exec(Duration.ofSeconds(60), "run", "--rm", "--name", name,
                    "--network", "none", "--entrypoint", "java", options.image(variant.name()), "-version");
            return result.stderr().lines().findFirst().orElse("").strip();
        } finally {
            // --rm removes it once it exits; one that outlived the time limit is removed here.
            containers.remove(name);
        }
    }
}
