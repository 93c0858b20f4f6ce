package io.github.whoami.images;

import static io.github.whoami.images.Figures.bytes;
import static io.github.whoami.images.Figures.connections;
import static io.github.whoami.images.Figures.count;
import static io.github.whoami.images.Figures.mb;
import static io.github.whoami.images.Figures.mib;
import static io.github.whoami.images.Figures.millis;
import static io.github.whoami.images.Figures.rate;
import static io.github.whoami.images.Figures.ratio;
import static io.github.whoami.images.Figures.seconds;
import static io.github.whoami.images.Figures.times;
import static io.github.whoami.images.Figures.yesNo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the comparison measured, and its columns: the rows the renderers write, a console table
 * ({@link ConsoleTable}), Markdown ({@link MarkdownReport}), JSON ({@link ReportJson}) and an SVG bar chart
 * ({@link SvgChart}).
 *
 * @param measurements one per variant, the Go baseline first
 * @param meta         the run: machine, engine, bases and the options it ran with ({@link Comparison})
 * @param heldTo       the goals each variant's pom holds it to ({@link Goals#read}); a variant it does not
 *                     name is held to none
 * @param notMeasured  what could not be measured, each said in a few words; empty for a complete run
 */
record Report(List<Measurement> measurements, Map<String, String> meta, Map<String, Goals> heldTo,
              List<String> notMeasured) {

    /**
     * Where a Markdown table starts and ends: the full table in report.md, and the README's short table
     * ({@link #readmeTable()}) between the same marks in the README.
     */
    static final String TABLE_BEGIN = "<!-- comparison-table:begin -->";
    static final String TABLE_END = "<!-- comparison-table:end -->";

    /** One column of a table: its title, and a row's cell. */
    record Column(String title, Function<Measurement, String> value) {
    }

    /** Writes report.md, report.json, chart.svg and the README's table into {@code out}, and the table to the console. */
    void write(Path out) throws IOException {
        Files.writeString(out.resolve("report.md"), markdown());
        Files.writeString(out.resolve("report.json"), json());
        Files.writeString(out.resolve("chart.svg"), svg());
        Files.writeString(out.resolve("readme-table.md"), readmeTable());
        System.out.println();
        System.out.println(console());
        System.out.println("Report: " + out.resolve("report.md") + ", " + out.resolve("report.json") + ", "
                + out.resolve("chart.svg") + "; the README's table: " + out.resolve("readme-table.md"));
    }

    String markdown() {
        return new MarkdownReport(this).render();
    }

    String json() {
        return ReportJson.write(this);
    }

    String svg() {
        return new SvgChart(this).render();
    }

    String console() {
        return ConsoleTable.render(columns(), measurements, new GoalChecks(this).goals());
    }

    /** The README's short table, between {@link #TABLE_BEGIN} and {@link #TABLE_END} there. */
    String readmeTable() {
        return table(readmeColumns());
    }

    /** The full Markdown table alone, as report.md has it. */
    String markdownTable() {
        return table(columns());
    }

    List<Column> columns() {
        String few = connections(meta.get("connections"));
        String many = connections(meta.get("busyConnections"));
        return List.of(
                new Column("variant", this::name),
                new Column("size", m -> mb(m.contents().size())),
                new Column("size × go", m -> times(baselineRatio(m, Report::size))),
                new Column("stored", m -> mb(m.distribution().storedBytes())),
                new Column("layers", m -> String.valueOf(m.contents().layers())),
                new Column("added to base", m -> mb(m.contents().addedSize())),
                new Column("pulled after edit", this::update),
                new Column("cold pull", m -> seconds(m.distribution().coldPullMillis())),
                new Column("cold pull × go", m -> times(baselineRatio(m, Report::coldPull))),
                new Column("shell", m -> yesNo(m.contents().hasShell())),
                new Column("pkg mgr", m -> yesNo(m.contents().hasPackageManager())),
                new Column("javac", m -> yesNo(m.contents().hasJavac())),
                new Column("maven", m -> yesNo(m.contents().hasMaven())),
                new Column("healthcheck", m -> yesNo(m.contents().hasHealthcheck())),
                new Column("executables", m -> String.valueOf(m.contents().executables())),
                new Column("run → 200 (median)", m -> seconds(m.medianStartupMillis())),
                new Column("run → 200 × go", m -> times(m.startupTimesBaseline())),
                new Column("server start", m -> millis(m.medianServerStartMillis())),
                new Column("RSS start", m -> mib(m.load().rssAfterStartKib())),
                new Column("RSS after load", m -> mib(m.load().rssAfterLoadKib())),
                new Column("RSS × go", m -> times(baselineRatio(m, Report::rssAfterLoad))),
                new Column("req/s, " + few, m -> rate(m.load().requestsPerSecond())),
                new Column("req/s × go", m -> times(m.requestsPerSecondTimesBaseline())),
                new Column("errors", m -> count(m.load().errors())),
                new Column("req/s, " + many, m -> rate(m.load().busyRequestsPerSecond())),
                new Column("errors, " + many, m -> count(m.load().busyErrors())),
                new Column(many + " / " + few, m -> ratio(m.busyRatio())),
                new Column("OOM", m -> yesNo(m.load().oomKilled())),
                new Column("cold build", m -> seconds(m.builds().coldBuildMillis())),
                new Column("rebuild", m -> seconds(m.builds().rebuildMillis())),
                new Column("deps layer reused", m -> yesNo(m.builds().rebuildReusedDependencies())));
    }

    /**
     * The README's table: the figures a reader decides on, each with its ratio to the Go server where
     * one exists; the full table stays in report.md.
     */
    private List<Column> readmeColumns() {
        String few = connections(meta.get("connections"));
        return List.of(
                new Column("variant", this::name),
                new Column("size (× go)", m -> withRatio(m, mb(m.contents().size()), baselineRatio(m, Report::size))),
                new Column("docker run → first 200 (× go)", m -> withRatio(m, seconds(m.medianStartupMillis()),
                        m.startupTimesBaseline())),
                new Column("RSS after load (× go)", m -> withRatio(m, mib(m.load().rssAfterLoadKib()),
                        baselineRatio(m, Report::rssAfterLoad))),
                new Column("req/s, " + few + " (× go)", m -> withRatio(m, rate(m.load().requestsPerSecond()),
                        m.requestsPerSecondTimesBaseline())),
                new Column("an edit ships", this::update),
                new Column("shell", m -> yesNo(m.contents().hasShell())));
    }

    private String table(List<Column> columns) {
        StringBuilder table = new StringBuilder();
        table.append("| ").append(columns.stream().map(Column::title).collect(Collectors.joining(" | "))).append(" |\n");
        table.append("|").append("---|".repeat(columns.size())).append("\n");
        for (Measurement m : measurements) {
            table.append("| ").append(columns.stream().map(c -> c.value().apply(m)).collect(Collectors.joining(" | ")))
                    .append(" |\n");
        }
        return table.toString();
    }

    private String name(Measurement m) {
        return isBaseline(m) ? m.variant() + " (baseline)" : m.variant();
    }

    /** "48.6 MB (11x)": a figure and its ratio to the baseline; the baseline's own figure alone. */
    private String withRatio(Measurement m, String figure, double ratio) {
        return isBaseline(m) || ratio < 0 ? figure : figure + " (" + times(ratio) + ")";
    }

    /** What a node that has the image pulls after a one-line source edit; "n/a" for the Go baseline, not rebuilt. */
    String update(Measurement m) {
        Long update = m.distribution().updateBytes();
        return update == null && isBaseline(m) ? "n/a" : bytes(update);
    }

    /** The Go baseline measured in the same run, if the report has one. */
    Optional<Measurement> baseline() {
        return variant(meta.getOrDefault("baseline", ""));
    }

    boolean isBaseline(Measurement m) {
        return m.variant().equals(meta.getOrDefault("baseline", ""));
    }

    Optional<Measurement> variant(String name) {
        return measurements.stream().filter(m -> m.variant().equals(name)).findFirst();
    }

    /** A figure of this row divided by the same figure of the baseline: {@code -1} where either is missing. */
    double baselineRatio(Measurement m, Function<Measurement, Double> figure) {
        Double own = figure.apply(m);
        return baseline().map(figure).filter(by -> by > 0 && own != null && own >= 0).map(by -> own / by).orElse(-1.0);
    }

    static Double size(Measurement m) {
        return (double) m.contents().size();
    }

    static Double coldPull(Measurement m) {
        Long millis = m.distribution().coldPullMillis();
        return millis == null ? null : millis.doubleValue();
    }

    static Double rssAfterLoad(Measurement m) {
        Long kib = m.load().rssAfterLoadKib();
        return kib == null ? null : kib.doubleValue();
    }
}
