package io.github.whoami.images;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's comparison table is the committed report's, and the committed report, its table and its
 * chart are what the report code renders from the committed measurements (docs/comparison/report.json,
 * written by the same run): a hand edit of any of them fails here, and so does a report older than the
 * report code (a measurement it lacks cannot be read back).
 */
class ReadmeTableTest {

    private static final Path ROOT = Path.of("..");
    private static JsonObject json;

    @BeforeAll
    static void readTheCommittedMeasurements() throws IOException {
        json = Json.createReader(new StringReader(Files.readString(ROOT.resolve("docs/comparison/report.json")))).readObject();
    }

    @Test
    void readmeTableIsTheCommittedReportsTable() throws IOException {
        assertEquals(table(Files.readString(ROOT.resolve("docs/comparison/report.md"))),
                table(Files.readString(ROOT.resolve("README.md"))),
                "the README's table: copy it from docs/comparison/report.md (docs/comparison.md says how)");
    }

    @Test
    void committedReportTableAndChartAreWhatTheReportCodeRendersFromTheirMeasurements() throws IOException {
        List<JsonObject> records = json.getJsonArray("variants").stream().map(JsonValue::asJsonObject).toList();
        Map<String, String> meta = new LinkedHashMap<>();
        json.getJsonObject("meta").forEach((key, value) -> meta.put(key, ((jakarta.json.JsonString) value).getString()));
        Report report = new Report(records.stream().map(ReadmeTableTest::measurement).toList(), meta);
        assertEquals(report.markdown(), Files.readString(ROOT.resolve("docs/comparison/report.md")));
        assertEquals(report.markdownTable(), table(Files.readString(ROOT.resolve("README.md"))),
                "the README's table: copy it from a report of the current code (docs/comparison.md says how)");
        assertEquals(report.svg(), Files.readString(ROOT.resolve("docs/comparison/chart.svg")));
    }

    private static String table(String markdown) {
        int begin = markdown.indexOf(Report.TABLE_BEGIN);
        int end = markdown.indexOf(Report.TABLE_END);
        assertTrue(begin >= 0 && end > begin, "the table sits between " + Report.TABLE_BEGIN + " and " + Report.TABLE_END);
        return markdown.substring(begin + Report.TABLE_BEGIN.length() + 1, end);
    }

    private static Measurement measurement(JsonObject m) {
        return new Measurement(m.getString("variant"), m.getString("image"), m.getString("runtimeBase"),
                m.getString("runtimeBaseId"), number(m, "sizeBytes").longValue(), m.getInt("layers"),
                number(m, "addedToBaseBytes").longValue(), number(m, "storedBytes").longValue(),
                m.isNull("updateBytes") ? -1 : number(m, "updateBytes").longValue(), number(m, "coldPullMillis").longValue(),
                m.getBoolean("shell"), m.getBoolean("packageManager"),
                m.getBoolean("javac"), m.getBoolean("maven"), flag(m, "healthcheck"), m.getInt("executables"),
                longs(m, "startupMillis"), longs(m, "serverStartMillis"), longs(m, "baselineStartupMillis"),
                number(m, "rssAfterStartKiB").longValue(), number(m, "rssAfterLoadKiB").longValue(),
                number(m, "requestsPerSecond").doubleValue(), number(m, "baselineRequestsPerSecond").doubleValue(),
                number(m, "errors").longValue(),
                number(m, "busyRequestsPerSecond").doubleValue(), number(m, "busyErrors").longValue(),
                m.getBoolean("oomKilled"), number(m, "coldBuildMillis").longValue(),
                number(m, "rebuildMillis").longValue(), m.getBoolean("rebuildReusedDependencies"));
    }

    /** A yes or no of the record; a report written by older code lacks the newer ones. */
    private static boolean flag(JsonObject m, String key) {
        assertTrue(m.containsKey(key), "docs/comparison/report.json has no " + key + ": it is older than the report "
                + "code; run the comparison and commit its report (docs/comparison.md says how)");
        return m.getBoolean(key);
    }

    /** A figure of the record; a report written by older code lacks the newer ones. */
    private static JsonNumber number(JsonObject m, String key) {
        assertTrue(m.containsKey(key), "docs/comparison/report.json has no " + key + ": it is older than the report "
                + "code; run the comparison and commit its report (docs/comparison.md says how)");
        return m.getJsonNumber(key);
    }

    private static List<Long> longs(JsonObject m, String key) {
        return m.getJsonArray(key).getValuesAs(JsonNumber.class).stream().map(JsonNumber::longValue).toList();
    }
}
