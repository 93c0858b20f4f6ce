package io.github.whoami.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
     * Cold: no layer cache (--no-cache) and a Maven cache mount of its own, new and empty (the Dockerfiles'
     * MAVEN_CACHE argument names it), so every download happens; that mount alone is pruned afterwards.
     * Nothing else is pruned; Docker 20.10's BuildKit was still seen to drop the default Maven cache mount
     * on such a --no-cache build (the rebuild fills it again before it times anything).
     */
    private Build coldBuild(Variant variant) {
        Set<String> before = cacheMounts();
        try {
            return build(variant, options.context(), "whoami-cold-" + System.nanoTime());
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

    /** A copy of the build context with one source line changed, built on top of the warm caches. */
    private Build rebuildAfterSourceEdit(Variant variant, DistributionStep distribution)
            throws IOException, InterruptedException {
        Path copy = SourceTree.contextCopy(options.context());
        try {
            // A first edit, untimed: a cold build (--no-cache) on this engine's BuildKit drops the default
            // Maven cache mount, and this build fills it again, as the builds before a developer's edit would.
            // It is the version before the edit for the registry's update figure.
            SourceTree.appendSourceOnlyEdit(copy);
            build(variant, copy, null);
            distribution.before(options.comparisonImage(variant.name()));
            SourceTree.appendSourceOnlyEdit(copy);
            Build rebuild = build(variant, copy, null);
            distribution.after(options.comparisonImage(variant.name()));
            return rebuild;
        } finally {
            SourceTree.delete(copy);
        }
    }

    /**
     * @param coldMavenCache null for a build on the warm caches; else a cold one: no layer cache, and the
     *                       Maven cache mount of this id (MAVEN_CACHE), new and so empty
     */
    private Build build(Variant variant, Path context, String coldMavenCache) {
        List<String> args = new ArrayList<>(List.of("build", "--progress=plain", "--network=" + options.network(),
                "--file=" + dockerfile(variant), "--target=" + variant.target(),
                "--tag=" + options.comparisonImage(variant.name())));
        labels(variant).forEach((label, value) -> args.add("--build-arg=" + label.toUpperCase(Locale.ROOT) + "=" + value));
        if (!options.sourceDateEpoch().isBlank()) {
            args.add("--build-arg=SOURCE_DATE_EPOCH=" + options.sourceDateEpoch());
        }
        if (coldMavenCache != null) {
            args.add("--no-cache");
            args.add("--build-arg=MAVEN_CACHE=" + coldMavenCache);
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
