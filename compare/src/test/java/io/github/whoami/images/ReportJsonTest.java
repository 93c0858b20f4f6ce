package io.github.whoami.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * A figure not measured is absent from every form of the report: null in report.json, "—" in report.md
 * with the reason below the table; and the JSON reads back to the report it was written from.
 */
class ReportJsonTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void aLoadThatNeverRanIsNullInJsonAndADashInMarkdownNeverZero() throws IOException {
        Report committed = ReportJson.read(Files.readString(ROOT.resolve("docs/comparison/report.json")), Map.of());
        Measurement jlink = committed.variant("jlink").orElseThrow();
        Measurement.Load notRun = new Measurement.Load(jlink.load().rssAfterStartKib(), null,
                jlink.load().requestsPerSecond(), jlink.load().baselineRequestsPerSecond(), 0L, null, null, false);
        Measurement broken = new Measurement("jlink", jlink.contents(), jlink.distribution(), jlink.startup(), notRun,
                jlink.builds());
        String problem = "whoami:jlink under load: the container stopped, its memory and the load with 1000 "
                + "connections could not be measured";
        Report report = new Report(committed.measurements().stream().map(m -> m.variant().equals("jlink") ? broken : m)
                .toList(), committed.meta(), Map.of(), List.of(problem));

        JsonObject json = Json.createReader(new StringReader(report.json())).readObject().getJsonArray("variants")
                .stream().map(value -> value.asJsonObject()).filter(m -> m.getString("variant").equals("jlink"))
                .findFirst().orElseThrow();
        assertTrue(json.isNull("busyRequestsPerSecond") && json.isNull("busyErrors") && json.isNull("rssAfterLoadKiB"),
                json.toString());
        String row = report.markdownTable().lines().filter(line -> line.startsWith("| jlink |")).findFirst().orElseThrow();
        assertTrue(row.contains("| — | — | — |"), "the rate, its errors and the ratio with 1,000 connections: " + row);
        assertFalse(row.contains("| 0 | 1 |"), row);
        assertTrue(report.markdown().contains("## Not measured") && report.markdown().contains("- " + problem),
                "report.md says why");
        assertEquals(report.markdown(), ReportJson.read(report.json(), Map.of()).markdown(),
                "report.json reads back to the same report");
    }

    @Test
    void theGoBaselinesBuildImageIsTheOneItsDockerfileNames() throws IOException {
        assertTrue(Files.readString(ROOT.resolve("baseline/go/Dockerfile"))
                .contains("ARG BUILD_IMAGE=" + Baseline.read(ROOT.resolve("baseline/go")).buildBase() + "\n"));
    }
}
