package io.github.whoami.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A figure the comparison cannot measure fails the run, after the report is written, and the report shows
 * it as absent (null, "—"), never as a number: here the image under a variant's tag is one that never
 * answers on /whoami.
 */
class UnmeasurableFigureIT {

    private static final String REPOSITORY = "whoami-unmeasurable";
    private final Docker docker = new Docker(System.getProperty("docker.executable", "docker"));

    @AfterEach
    void removeTheImage() {
        // The comparison's rebuilds (for the registry's update figure) tag REPOSITORY-compare.
        docker.exec(Duration.ofSeconds(30), "image", "rm", "--force", REPOSITORY + ":jlink", REPOSITORY + "-baseline:go",
                REPOSITORY + "-compare:jlink");
    }

    @Test
    void aServerThatNeverAnswersFailsTheComparisonAfterItWritesTheReport(@TempDir Path work) throws IOException {
        // The comparison pushes every image to a registry first: without one it ends before measuring anything.
        assumeTrue(registryAnswers(), "no registry answers at " + Registry.DEFAULT + " (ci/local-registry.sh starts one)");
        // busybox's sleep under the jlink variant's tag: it runs, and answers nothing.
        Files.writeString(work.resolve("Dockerfile"), "FROM alpine:3.22\nCMD [\"sleep\", \"3600\"]\n");
        docker.run("build", "--quiet", "--network=" + System.getProperty("docker.build.network", "default"),
                "--tag=" + REPOSITORY + ":jlink", work.toString());
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
        Path out = work.resolve("report");

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Comparison.main(new String[] {
            "variants=jlink", "repository=" + REPOSITORY, "docker=" + System.getProperty("docker.executable", "docker"),
            "network=" + System.getProperty("docker.build.network", "default"), "context=" + root,
            "baseline=" + root.resolve("baseline/go"), "out=" + out, "loadSeconds=2", "connections=4",
            "busyConnections=8", "startRuns=1", "buildTimes=false", "startTimeoutSeconds=3",
            "registry=" + Registry.DEFAULT}));

        assertTrue(failure.getMessage().contains("no 200 on /whoami within 3 s of docker run"), failure.getMessage());
        assertTrue(Files.isRegularFile(out.resolve("report.md")) && Files.isRegularFile(out.resolve("report.json")),
                "the report is written before the run fails");
        // The figures it could not measure are absent from the report, not written as numbers.
        JsonObject jlink = Json.createReader(new StringReader(Files.readString(out.resolve("report.json")))).readObject()
                .getJsonArray("variants").stream().map(JsonValue::asJsonObject)
                .filter(variant -> variant.getString("variant").equals("jlink")).findFirst().orElseThrow();
        for (String figure : List.of("medianStartupMillis", "requestsPerSecond", "errors", "busyRequestsPerSecond",
                "busyErrors")) {
            assertTrue(jlink.isNull(figure), figure + " is null in report.json, not a number: " + jlink);
        }
        String markdown = Files.readString(out.resolve("report.md"));
        Map<String, String> row = row(markdown, "jlink");
        for (String column : List.of("run → 200 (median)", "req/s, 4 conn.", "errors", "req/s, 8 conn.",
                "errors, 8 conn.")) {
            assertEquals("—", row.get(column), column + " in report.md's jlink row: " + row);
        }
        assertTrue(markdown.contains("## Not measured") && markdown.contains("no 200 on /whoami within 3 s"),
                "report.md says what it could not measure, and why");
    }

    /** A row of report.md's full table, cell by column title. */
    private static Map<String, String> row(String markdown, String variant) {
        List<String> lines = markdown.lines().dropWhile(line -> !line.equals(Report.TABLE_BEGIN)).skip(1)
                .takeWhile(line -> !line.equals(Report.TABLE_END)).toList();
        List<String> titles = cells(lines.getFirst());
        List<String> cells = cells(lines.stream().filter(line -> line.startsWith("| " + variant + " |")).findFirst()
                .orElseThrow(() -> new AssertionError("report.md has no row for " + variant)));
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < titles.size(); i++) {
            row.put(titles.get(i), cells.get(i));
        }
        return row;
    }

    private static List<String> cells(String line) {
        return List.of(line.substring(2, line.length() - 2).split(" \\| "));
    }

    private boolean registryAnswers() {
        try {
            Registry.at(Registry.DEFAULT, new Engine(System.getProperty("docker.executable", "docker")));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
