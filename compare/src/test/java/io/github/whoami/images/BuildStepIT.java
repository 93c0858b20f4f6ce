package io.github.whoami.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step on one real variant, multistage (the quickest Dockerfile build): the timed cold build, from
 * an empty Maven cache, and the rebuild after a one-line source edit, with the figures the report gives and
 * the update the registry ships. CI's comparison runs without build times, so this is where the cold build runs there.
 */
class BuildStepIT {

    private static final String VARIANT = "multistage";
    private static final String REPOSITORY = "whoami-build-step-it";
    private static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
    private static final String NETWORK = System.getProperty("docker.build.network", "default");
    private static final Engine DOCKER = new Engine(System.getProperty("docker.executable", "docker"));
    private static Variant variant;

    /** The measured image the rebuilds take their labels from, as the variant's module builds it. */
    @BeforeAll
    static void buildTheVariant() throws Exception {
        variant = VariantPoms.read(ROOT, Map.of()).stream().filter(candidate -> candidate.name().equals(VARIANT))
                .findFirst().orElseThrow();
        Engine.Result built = DOCKER.exec(Duration.ofMinutes(10), "build", "--quiet", "--network=" + NETWORK,
                "--file=" + ROOT.resolve("images/" + VARIANT + "/Dockerfile"), "--target=" + variant.target(),
                "--build-arg=VERSION=build-step-it", "--tag=" + REPOSITORY + ":" + VARIANT, ROOT.toString());
        assertEquals(0, built.exitCode(), built.stderr());
    }

    @AfterAll
    static void removeTheImages() {
        DOCKER.exec(Duration.ofSeconds(30), "image", "rm", "--force", REPOSITORY + ":" + VARIANT,
                REPOSITORY + "-compare:" + VARIANT);
    }

    @Test
    void theColdBuildStartsFromAnEmptyMavenCacheTheRebuildReusesTheDependencyLayerAndShipsOnlyTheEdit(@TempDir Path out)
            throws Exception {
        ComparisonOptions options = ComparisonOptions.parse("variants=" + VARIANT, "repository=" + REPOSITORY,
                "docker=" + DOCKER.executable(), "network=" + NETWORK, "context=" + ROOT,
                "baseline=" + ROOT.resolve("baseline/go"), "out=" + out, "loadSeconds=1", "connections=1",
                "busyConnections=1", "startRuns=1", "buildTimes=true", "registry=" + Registry.DEFAULT);
        Problems problems = new Problems();
        Registry registry = Registry.at(options.registry(), DOCKER);
        DistributionStep distribution = new DistributionStep(registry, problems, REPOSITORY, VARIANT);

        Instant began = Instant.now();
        Measurement.Builds builds = new BuildStep(DOCKER, options).measure(variant, distribution);
        Measurement.Distribution shipped = distribution.result();

        assertTrue(builds.coldBuildMillis() != null && builds.rebuildMillis() != null, builds.toString());
        // Every dependency downloaded and every step run, against one module compiled again.
        assertTrue(builds.coldBuildMillis() > builds.rebuildMillis(), builds.toString());
        assertEquals(Boolean.TRUE, builds.rebuildReusedDependencies(), "the rebuild's Maven download step is CACHED");
        // The Maven cache the Dockerfile names started empty for the cold build, which made it anew: its
        // record is newer than the build, while this class's first build had filled it before.
        Set<String> ids = CacheMounts.named(Files.readString(ROOT.resolve("images/" + VARIANT + "/Dockerfile")));
        List<CacheMounts.Mount> mavenCache = CacheMounts.list(DOCKER).stream().filter(mount -> mount.isOneOf(ids)).toList();
        assertFalse(mavenCache.isEmpty(), "no record of the cache mounts " + ids);
        mavenCache.forEach(mount -> assertFalse(mount.madeBefore(began), mount + " is older than the cold build"));
        // What a node pulls after the edit is the app's layer, not the JRE and the libraries below it.
        long imageBytes = Long.parseLong(DOCKER.run("image", "inspect", "--format", "{{.Size}}",
                options.comparisonImage(VARIANT)));
        assertTrue(shipped.updateBytes() != null && shipped.updateBytes() > 0
                && shipped.updateBytes() < imageBytes / 100, shipped + " of an image of " + imageBytes + " bytes");
        assertEquals(List.of(), problems.all());
    }
}
