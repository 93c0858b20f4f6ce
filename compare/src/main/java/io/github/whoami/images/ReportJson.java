package io.github.whoami.images;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;

/**
 * report.json: the run's meta (every value a string), one record per variant, and what could not be
 * measured. A figure not measured is {@code null}, never a number. {@link #read} reads a report back, as
 * the tests read the committed one; a report written before figures could be absent wrote -1 for them, and
 * reads back as absent.
 */
final class ReportJson {

    private ReportJson() {
    }

    static String write(Report report) {
        JsonObjectBuilder meta = Json.createObjectBuilder();
        report.meta().forEach(meta::add);
        JsonArrayBuilder variants = Json.createArrayBuilder();
        report.measurements().forEach(m -> variants.add(record(report, m)));
        JsonObject json = Json.createObjectBuilder().add("meta", meta).add("variants", variants)
                .add("notMeasured", Json.createArrayBuilder(report.notMeasured())).build();
        StringWriter out = new StringWriter();
        try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.writeObject(json);
        }
        return out.toString().strip() + "\n";
    }

    private static JsonObjectBuilder record(Report report, Measurement m) {
        Measurement.Contents contents = m.contents();
        Measurement.Load load = m.load();
        Measurement.Builds builds = m.builds();
        JsonObjectBuilder json = Json.createObjectBuilder().add("variant", m.variant()).add("image", contents.image())
                .add("runtimeBase", contents.runtimeBase()).add("runtimeBaseId", contents.runtimeBaseId())
                .add("sizeBytes", contents.size()).add("layers", contents.layers())
                .add("addedToBaseBytes", contents.addedSize())
                .add("storedBytes", number(m.distribution().storedBytes()))
                .add("updateBytes", number(m.distribution().updateBytes()))
                .add("coldPullMillis", number(m.distribution().coldPullMillis()))
                .add("shell", contents.hasShell()).add("packageManager", contents.hasPackageManager())
                .add("javac", contents.hasJavac()).add("maven", contents.hasMaven())
                .add("healthcheck", contents.hasHealthcheck()).add("executables", contents.executables())
                .add("startupMillis", numbers(m.startup().startupMillis()))
                .add("medianStartupMillis", number(m.medianStartupMillis()))
                .add("serverStartMillis", numbers(m.startup().serverStartMillis()))
                .add("baselineStartupMillis", numbers(m.startup().baselineStartupMillis()))
                .add("rssAfterStartKiB", number(load.rssAfterStartKib())).add("rssAfterLoadKiB", number(load.rssAfterLoadKib()))
                .add("requestsPerSecond", number(load.requestsPerSecond()))
                .add("baselineRequestsPerSecond", number(load.baselineRequestsPerSecond()))
                .add("errors", number(load.errors()))
                .add("busyRequestsPerSecond", number(load.busyRequestsPerSecond()))
                .add("busyErrors", number(load.busyErrors())).add("oomKilled", load.oomKilled())
                .add("coldBuildMillis", number(builds.coldBuildMillis())).add("rebuildMillis", number(builds.rebuildMillis()))
                .add("rebuildReusedDependencies", builds.rebuildReusedDependencies() == null ? JsonValue.NULL
                        : builds.rebuildReusedDependencies() ? JsonValue.TRUE : JsonValue.FALSE);
        JsonObjectBuilder timesBaseline = Json.createObjectBuilder()
                .add("size", ratio(report.baselineRatio(m, Report::size)))
                .add("medianStartup", ratio(m.startupTimesBaseline()))
                .add("coldPull", ratio(report.baselineRatio(m, Report::coldPull)))
                .add("rssAfterLoad", ratio(report.baselineRatio(m, Report::rssAfterLoad)))
                .add("requestsPerSecond", ratio(m.requestsPerSecondTimesBaseline()));
        return json.add("timesBaseline", timesBaseline);
    }

    private static JsonValue number(Number value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        return value instanceof Double d ? Json.createValue(d) : Json.createValue(value.longValue());
    }

    private static JsonArrayBuilder numbers(List<Long> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(value -> array.add(number(value)));
        return array;
    }

    /** A ratio: three decimals, or null where there is no baseline to divide by. */
    private static JsonValue ratio(double ratio) {
        return ratio < 0 ? JsonValue.NULL : Json.createValue(BigDecimal.valueOf(ratio).setScale(3, RoundingMode.HALF_UP));
    }

    /**
     * A report read back from its JSON.
     *
     * @param goals the goals to check its figures against ({@link Goals#read})
     * @throws IllegalStateException when a record lacks a figure: the report is older than this code
     */
    static Report read(String text, Map<String, Goals> goals) {
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(text))) {
            json = reader.readObject();
        }
        Map<String, String> meta = new LinkedHashMap<>();
        json.getJsonObject("meta").forEach((key, value) -> meta.put(key, ((JsonString) value).getString()));
        List<Measurement> measurements = json.getJsonArray("variants").stream().map(JsonValue::asJsonObject)
                .map(ReportJson::measurement).toList();
        List<String> notMeasured = json.containsKey("notMeasured")
                ? json.getJsonArray("notMeasured").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                : List.of();
        return new Report(measurements, meta, goals, notMeasured);
    }

    private static Measurement measurement(JsonObject m) {
        Measurement.Contents contents = new Measurement.Contents(m.getString("image"), m.getString("runtimeBase"),
                m.getString("runtimeBaseId"), required(m, "sizeBytes").longValue(), m.getInt("layers"),
                required(m, "addedToBaseBytes").longValue(), flag(m, "shell"), flag(m, "packageManager"),
                flag(m, "javac"), flag(m, "maven"), flag(m, "healthcheck"), m.getInt("executables"));
        Measurement.Distribution distribution = new Measurement.Distribution(figure(m, "storedBytes", JsonNumber::longValue),
                figure(m, "updateBytes", JsonNumber::longValue), figure(m, "coldPullMillis", JsonNumber::longValue));
        Measurement.Startup startup = new Measurement.Startup(figures(m, "startupMillis"), figures(m, "serverStartMillis"),
                figures(m, "baselineStartupMillis"));
        Measurement.Load load = new Measurement.Load(figure(m, "rssAfterStartKiB", JsonNumber::longValue),
                figure(m, "rssAfterLoadKiB", JsonNumber::longValue), figure(m, "requestsPerSecond", JsonNumber::doubleValue),
                figure(m, "baselineRequestsPerSecond", JsonNumber::doubleValue), figure(m, "errors", JsonNumber::longValue),
                figure(m, "busyRequestsPerSecond", JsonNumber::doubleValue), figure(m, "busyErrors", JsonNumber::longValue),
                flag(m, "oomKilled"));
        Long rebuild = figure(m, "rebuildMillis", JsonNumber::longValue);
        Measurement.Builds builds = new Measurement.Builds(figure(m, "coldBuildMillis", JsonNumber::longValue), rebuild,
                rebuild == null || m.isNull("rebuildReusedDependencies") ? null : flag(m, "rebuildReusedDependencies"));
        return new Measurement(m.getString("variant"), contents, distribution, startup, load, builds);
    }

    /** A figure, or null where it was not measured: null, or -1 in a report written before figures could be absent. */
    private static <T extends Number> T figure(JsonObject m, String key, Function<JsonNumber, T> as) {
        if (required(m, key) == null) {
            return null;
        }
        T value = as.apply(m.getJsonNumber(key));
        return value.doubleValue() < 0 ? null : value;
    }

    private static List<Long> figures(JsonObject m, String key) {
        present(m, key);
        return m.getJsonArray(key).stream()
                .map(value -> value instanceof JsonNumber n && n.longValue() >= 0 ? n.longValue() : null).toList();
    }

    /** A figure the record must have (null where it was not measured); a report written by older code lacks the newer ones. */
    private static JsonNumber required(JsonObject m, String key) {
        present(m, key);
        return m.isNull(key) ? null : m.getJsonNumber(key);
    }

    private static boolean flag(JsonObject m, String key) {
        present(m, key);
        return m.getBoolean(key);
    }

    private static void present(JsonObject m, String key) {
        if (!m.containsKey(key)) {
            throw new IllegalStateException("The report has no " + key + ": it is older than the report code; run the "
                    + "comparison and commit its report (docs/comparison.md says how).");
        }
    }
}
