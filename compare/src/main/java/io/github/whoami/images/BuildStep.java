package io.github.whoami.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The build step: a cold build (no layer cache, empty Maven caches) and a rebuild after a one-line source
 * edit on warm caches, each timed, and whether that rebuild reused the dependency layer. A variant with a
 * Dockerfile builds with {@code docker build}; one without (jib) through Maven ({@link MavenBuild}). The
 * two builds around the edit are pushed ({@link DistributionStep#before}, {@link DistributionStep#after})
 * for the registry's update figure, so they run even when build times are not asked for.
 */
final class BuildStep {

    /** BuildKit's plain progress: "#12 [build 5/9] RUN ... mvn ..." then "#12 CACHED" for a cached step. */
    private static final Pattern MAVEN_STEP = Pattern.compile("(?m)^#(\\d+) \\[[^\\]]*\\] RUN .*\\bmvn\\b");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    private final Engine docker;
    private final ComparisonOptions options;

    /** A build's wall time, and whether the dependency layer (the first Maven RUN) came from the cache. */
    record Build(long millis, boolean dependenciesCached) {
    }

    BuildStep(Engine docker, ComparisonOptions options) {
        this.docker = docker;
        this.options = options;
    }

    /** The builds' figures; the rebuild pair is pushed through {@code distribution} whether timed or not. */
    Measurement.Builds measure(Variant variant, DistributionStep distribution) throws IOException, InterruptedException {
        boolean dockerfile = Files.isRegularFile(dockerfile(variant));
        MavenBuild maven = dockerfile ? null : new MavenBuild(docker, options, labels(variant));
        Build cold = null;
        if (options.buildTimes()) {
            cold = dockerfile ? coldBuild(variant) : maven.cold(variant);
        }
        Build rebuild = dockerfile ? rebuildAfterSourceEdit(variant, distribution)
                : maven.rebuildAfterSourceEdit(variant, distribution);
        if (!options.buildTimes()) {
            return Measurement.Builds.NONE;
        }
        return new Measurement.Builds(cold.millis(), rebuild.millis(), rebuild.dependenciesCached());
    }

    private Path dockerfile(Variant variant) {
        return options.context().resolve("images").resolve(variant.name()).resolve("Dockerfile");
    }

    /**
     * Cold: {@code docker build --no-cache}, which takes no step from the layer cache and starts the cache
     * mounts empty too (BuildKit does so since 2019: moby/buildkit#2447, #4250), so every download
     * happens. Checked, as a builder could keep them: a record of a cache mount the Dockerfile names that
     * is older than the build means this was no cold build, and its time is not given as one.
     */
    private Build coldBuild(Variant variant) throws IOException {
        Set<String> ids = CacheMounts.named(Files.readString(dockerfile(variant)));
        Instant started = Instant.now();
        Build cold = build(variant, options.context(), true);
        List<String> kept = CacheMounts.list(docker).stream()
                .filter(mount -> mount.isOneOf(ids) && mount.madeBefore(started))
                .map(CacheMounts.Mount::record).toList();
        if (!kept.isEmpty()) {
            throw new IllegalStateException(variant.name() + "'s build with --no-cache kept the cache mount records "
                    + kept + " of " + ids + ", so it was no cold build: empty them (docker builder prune --filter id=ID)"
                    + " and run the comparison again.");
        }
        return cold;
    }

    /** A copy of the build context with one source line changed, built on top of the warm caches. */
    private Build rebuildAfterSourceEdit(Variant variant, DistributionStep distribution)
            throws IOException, InterruptedException {
        Path copy = SourceTree.contextCopy(options.context());
        try {
            // A first edit, untimed: the version before the edit for the registry's update figure, built on
            // the same caches as the timed one after it (and filling them, when no cold build ran before).
            SourceTree.appendSourceOnlyEdit(copy);
            build(variant, copy, false);
            distribution.before(options.comparisonImage(variant.name()));
            SourceTree.appendSourceOnlyEdit(copy);
            Build rebuild = build(variant, copy, false);
            distribution.after(options.comparisonImage(variant.name()));
            return rebuild;
        } finally {
            SourceTree.delete(copy);
        }
    }

    /** @param noCache whether BuildKit may take no step from its layer cache (a cold build) */
    private Build build(Variant variant, Path context, boolean noCache) {
        List<String> args = new ArrayList<>(List.of("build", "--progress=plain", "--network=" + options.network(),
                "--file=" + dockerfile(variant), "--target=" + variant.target(),
                "--tag=" + options.comparisonImage(variant.name())));
        labels(variant).forEach((label, value) -> args.add("--build-arg=" + label.toUpperCase(Locale.ROOT) + "=" + value));
        if (!options.sourceDateEpoch().isBlank()) {
            args.add("--build-arg=SOURCE_DATE_EPOCH=" + options.sourceDateEpoch());
        }
        if (noCache) {
            args.add("--no-cache");
        }
        args.add(context.toString());
        long start = System.nanoTime();
        Engine.Result result = docker.exec(BUILD_TIMEOUT, args.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("docker build of " + variant.name() + " failed: "
                    + MavenBuild.lastLines(result.stderr().lines().toList(), 20));
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        Matcher step = MAVEN_STEP.matcher(result.stderr());
        boolean cached = step.find() && result.stderr().contains("#" + step.group(1) + " CACHED");
        return new Build(millis, cached);
    }

    /**
     * The OCI labels the variant's module built the measured image with (images/pom.xml), read back from
     * the image, by their last name ({@code version}, {@code revision}, {@code created}, {@code source}).
     * Built with them (and SOURCE_DATE_EPOCH, the build's project.build.outputTimestamp), a rebuild differs
     * from the measured image only by what the edit changes: the figure the registry's update bytes count.
     */
    private Map<String, String> labels(Variant variant) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String label : List.of("version", "revision", "created", "source")) {
            String value = docker.run("image", "inspect", "--format",
                    "{{index .Config.Labels \"org.opencontainers.image." + label + "\"}}", options.image(variant.name()));
            if (!value.isEmpty() && !value.equals("<no value>")) {
                labels.put(label, value);
            }
        }
        return labels;
    }
}
