package io.github.whoami.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each measurement step on one real image, the Go baseline (small, and quick to build and start): what it
 * measures is there, and nothing is said to be missing. The build step, which the Go baseline does not
 * take, runs on a variant of its own in {@link BuildStepIT}.
 */
class StepsIT {

    private static final String IMAGE = "whoami-steps-it-baseline:go";
    private static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
    private static final Engine DOCKER = new Engine(System.getProperty("docker.executable", "docker"));
    private static Variant baseline;
    private final Problems problems = new Problems();
    private final Containers containers = new Containers(DOCKER, Duration.ofSeconds(60));

    @BeforeAll
    static void buildTheGoBaseline() throws Exception {
        baseline = Baseline.read(ROOT.resolve("baseline/go"));
        Engine.Result built = DOCKER.exec(Duration.ofMinutes(10), "build", "--quiet", "--network="
                + System.getProperty("docker.build.network", "default"), "--tag=" + IMAGE, ROOT.resolve("baseline/go").toString());
        assertEquals(0, built.exitCode(), built.stderr());
    }

    @AfterAll
    static void removeIt() {
        DOCKER.exec(Duration.ofSeconds(30), "image", "rm", "--force", IMAGE);
    }

    @Test
    void imageContentsSizesTheImageAndFindsNoShell() throws Exception {
        Measurement.Contents contents = new ImageContents(DOCKER, problems).measure(baseline, IMAGE);
        assertTrue(contents.size() > 0 && contents.layers() >= 1, contents.toString());
        assertEquals(contents.size(), contents.addedSize(), "FROM scratch: all of it is added");
        assertFalse(contents.hasShell() || contents.hasPackageManager() || contents.hasJavac(), contents.toString());
        assertEquals(List.of(), problems.all());
    }

    @Test
    void startupTimesEveryStartAndChecksTheAnswerAndTheStop() throws Exception {
        Measurement.Startup startup = new StartupStep(DOCKER, containers, problems, 2).measure(IMAGE, null);
        assertEquals(2, startup.startupMillis().size());
        startup.startupMillis().forEach(millis -> assertTrue(millis != null && millis > 0, startup.toString()));
        assertEquals(startup.startupMillis(), startup.baselineStartupMillis(), "the Go row is its own baseline");
        assertEquals(List.of(), problems.all());
    }

    @Test
    void loadMeasuresBothRatesAndTheMemoryUnderTheLimits() throws Exception {
        Measurement.Load load = new LoadStep(DOCKER, containers, problems, 2, 4, 16).measure(IMAGE, null);
        assertNotNull(load.requestsPerSecond(), load.toString());
        assertNotNull(load.busyRequestsPerSecond(), load.toString());
        assertNotNull(load.rssAfterLoadKib(), load.toString());
        assertEquals(0L, load.errors());
        assertEquals(List.of(), problems.all());
    }

    @Test
    void distributionReadsWhatTheRegistryStoresAndPullsItCold() throws Exception {
        Registry registry = Registry.at(Registry.DEFAULT, DOCKER);
        DistributionStep distribution = new DistributionStep(registry, problems, "whoami-steps-it", "go");
        distribution.pushMeasured(IMAGE);
        Measurement.Distribution result = distribution.result();
        assertTrue(result.storedBytes() != null && result.storedBytes() > 0, result.toString());
        assertNotNull(result.coldPullMillis(), result.toString());
        assertEquals(null, result.updateBytes(), "not rebuilt: no update");
        assertEquals(List.of(), problems.all());
    }
}
