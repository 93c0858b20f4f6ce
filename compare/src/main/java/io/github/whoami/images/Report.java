package io.github.whoami.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders what the comparison measured: a console table, Markdown (the table and the goals), JSON (one
 * record per variant) and an SVG bar chart of size, start-up and what a node pulls after a source edit.
 */
final class Report {

    /**
     * Where a Markdown table starts and ends: the full table in report.md, and the README's short table
     * ({@link #readmeTable()}) between the same marks in the README.
     */
    static final String TABLE_BEGIN = "<!-- comparison-table:begin -->";
    static final String TABLE_END = "<!-- comparison-table:end -->";

    private static final long GOAL_RSS_KIB = 64 * 1024;
    /** Times and rates depend on the machine: their goals are ratios to the Go baseline of the same run. */
    private static final double GOAL_AOT_STARTUP_TIMES_BASELINE = 2.0;
    private static final double GOAL_C2_RATE_TIMES_BASELINE = 1.0;
    /** With many busy connections, at least this share of the rate with few. */
    private static final double GOAL_BUSY_RATIO = 0.8;
    /** The fleet an edit is rolled out to, in the report's sentence on what an edit costs. */
    static final int FLEET_NODES = 100;

    /**
     * What the stand-in bases change, said in the caption of any report measured on them: a reader
     * compares with the official images, and these are the differences that matter to the figures.
     */
    static final String STAND_INS = "What differs from the official images: the Maven and JDK stand-ins are "
            + "Debian 12 with a Temurin 25 JDK and the JRE one a runtime linked from it, not Ubuntu's Temurin "
            + "images, so the sizes of traditional, multistage and jib differ from what the official bases give; the "
            + "\"alpine\" stand-in is busybox with glibc, not musl, so the jlink variants run a glibc runtime (on the "
            + "real Alpine they link a musl one from the -alpine JDK), and -XX:TrimNativeHeapInterval, which returns "
            + "glibc's freed memory, does nothing on musl, so their memory figures are glibc's; and \"golang\" is "
            + "Debian 12's Go 1.19, not Go 1.25, so the baseline's binary and its figures are Go 1.19's.";

    private final List<Measurement> measurements;
    private final Map<String, String> meta;
    private final Map<String, Goals> heldTo;

    /**
     * @param goals the goals each variant's pom holds it to ({@link Goals#read}); a variant it does not
     *              name is held to none
     */
    Report(List<Measurement> measurements, Map<String, String> meta, Map<String, Goals> goals) {
        this.measurements = measurements;
        this.meta = meta;
        this.heldTo = goals;
    }

    private record Column(String title, Function<Measurement, String> value) {
    }

    private List<Column> columns() {
        String few = connections(meta.get("connections"));
        String many = connections(meta.get("busyConnections"));
        return List.of(
                new Column("variant", m -> isBaseline(m) ? m.variant() + " (baseline)" : m.variant()),
                new Column("size", m -> mb(m.size())),
                new Column("size × go", m -> timesBaseline(m, x -> (double) x.size())),
                new Column("stored", m -> m.storedBytes() < 0 ? "—" : mb(m.storedBytes())),
                new Column("layers", m -> String.valueOf(m.layers())),
                new Column("added to base", m -> mb(m.addedSize())),
                new Column("pulled after edit", this::update),
                new Column("cold pull", m -> seconds(m.coldPullMillis())),
                new Column("cold pull × go", m -> timesBaseline(m, x -> (double) x.coldPullMillis())),
                new Column("shell", m -> yesNo(m.hasShell())),
                new Column("pkg mgr", m -> yesNo(m.hasPackageManager())),
                new Column("javac", m -> yesNo(m.hasJavac())),
                new Column("maven", m -> yesNo(m.hasMaven())),
                new Column("healthcheck", m -> yesNo(m.hasHealthcheck())),
                new Column("executables", m -> String.valueOf(m.executables())),
                new Column("run → 200 (median)", m -> seconds(m.medianStartupMillis())),
                new Column("run → 200 × go", m -> times(m.startupTimesBaseline())),
                new Column("server start", m -> m.medianServerStartMillis() < 0 ? "—" : m.medianServerStartMillis() + " ms"),
                new Column("RSS start", m -> mib(m.rssAfterStartKib())),
                new Column("RSS after load", m -> mib(m.rssAfterLoadKib())),
                new Column("RSS × go", m -> timesBaseline(m, x -> (double) x.rssAfterLoadKib())),
                new Column("req/s, " + few, m -> String.format(Locale.ROOT, "%,.0f", m.requestsPerSecond())),
                new Column("req/s × go", m -> times(m.requestsPerSecondTimesBaseline())),
                new Column("errors", m -> String.valueOf(m.errors())),
                new Column("req/s, " + many, m -> String.format(Locale.ROOT, "%,.0f", m.busyRequestsPerSecond())),
                new Column("errors, " + many, m -> String.valueOf(m.busyErrors())),
                new Column(many + " / " + few, m -> ratio(m.busyRatio())),
                new Column("OOM", m -> yesNo(m.oomKilled())),
                new Column("cold build", m -> m.coldBuildMillis() < 0 ? "—" : seconds(m.coldBuildMillis())),
                new Column("rebuild", m -> m.rebuildMillis() < 0 ? "—" : seconds(m.rebuildMillis())),
                new Column("deps layer reused", m -> m.rebuildMillis() < 0 ? "—" : yesNo(m.rebuildReusedDependencies())));
    }

    /**
     * The README's table: the figures a reader decides on, each with its ratio to the Go server where
     * one exists; the full table stays in report.md.
     */
    private List<Column> readmeColumns() {
        String few = connections(meta.get("connections"));
        return List.of(
                new Column("variant", m -> isBaseline(m) ? m.variant() + " (baseline)" : m.variant()),
                new Column("size (× go)", m -> withRatio(m, mb(m.size()), baselineRatio(m, x -> (double) x.size()))),
                new Column("docker run → first 200 (× go)", m -> withRatio(m, seconds(m.medianStartupMillis()),
                        m.startupTimesBaseline())),
                new Column("RSS after load (× go)", m -> withRatio(m, mib(m.rssAfterLoadKib()),
                        baselineRatio(m, x -> (double) x.rssAfterLoadKib()))),
                new Column("req/s, " + few + " (× go)", m -> withRatio(m,
                        String.format(Locale.ROOT, "%,.0f", m.requestsPerSecond()), m.requestsPerSecondTimesBaseline())),
                new Column("an edit ships", this::update),
                new Column("shell", m -> yesNo(m.hasShell())));
    }

    /** "48.6 MB (11x)": a figure and its ratio to the baseline; the baseline's own figure alone. */
    private String withRatio(Measurement m, String figure, double ratio) {
        return isBaseline(m) || ratio < 0 ? figure : figure + " (" + times(ratio) + ")";
    }

    /** The README's short table, between {@link #TABLE_BEGIN} and {@link #TABLE_END} there. */
    String readmeTable() {
        return table(readmeColumns());
    }

    /** What a node that has the image pulls after a one-line source edit; "n/a" for the Go baseline, not rebuilt. */
    private String update(Measurement m) {
        if (m.updateBytes() >= 0) {
            return bytes(m.updateBytes());
        }
        return isBaseline(m) ? "n/a" : "—";
    }

    /** The Go baseline measured in the same run, if the report has one. */
    private Optional<Measurement> baseline() {
        return variant(meta.getOrDefault("baseline", ""));
    }

    private boolean isBaseline(Measurement m) {
        return m.variant().equals(meta.getOrDefault("baseline", ""));
    }

    /** A figure of this row divided by the same figure of the baseline: {@code -1} where there is none. */
    private double baselineRatio(Measurement m, Function<Measurement, Double> figure) {
        return baseline().filter(b -> figure.apply(b) > 0 && figure.apply(m) >= 0)
                .map(b -> figure.apply(m) / figure.apply(b)).orElse(-1.0);
    }

    private String timesBaseline(Measurement m, Function<Measurement, Double> figure) {
        return times(baselineRatio(m, figure));
    }

    private static String times(double ratio) {
        return ratio < 0 ? "—" : String.format(Locale.ROOT, ratio < 10 ? "%.2fx" : "%.0fx", ratio);
    }

    /** The full Markdown table alone, as report.md has it. */
    String markdownTable() {
        return table(columns());
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

    String markdown() {
        StringBuilder md = new StringBuilder("# whoami: the variants compared\n\n");
        md.append("Measured ").append(meta.get("date")).append(" on ").append(meta.get("cpus"))
                .append(" CPUs, Docker engine ").append(meta.get("engine")).append(" with the ")
                .append(meta.get("imageStore")).append(" image store, ").append(meta.get("jdk"))
                .append(". Start-up: median of ").append(meta.get("startRuns"))
                .append(" runs, each followed by a start of the Go server: \"run → 200 × go\" divides by the median of those. Load: wrk, 1 thread, ").append(meta.get("connections")).append(" connections, then ")
                .append(meta.get("busyConnections")).append(", each ").append(meta.get("loadSeconds"))
                .append(" s after a warm-up, container limited to 1 CPU and 128 MB. The first load runs in windows of about 5 s, "
                        + "each followed by one as long on the Go server, running beside it under the same limits: "
                        + "\"req/s × go\" divides the variant's rate by the Go server's in those windows, which share "
                        + "the machine's moments.\n");
        if (!meta.get("bases").isBlank()) {
            md.append("\n").append(meta.get("bases")).append(" ").append(STAND_INS).append("\n");
        }
        md.append("\n").append(TABLE_BEGIN).append("\n").append(markdownTable()).append(TABLE_END).append("\n\n");
        md.append("Sizes in MB (10^6 bytes): the layers' uncompressed tars added up, from `docker save`; memory in MiB. "
                + "\"stored\": what the registry (" + meta.getOrDefault("registry", "") + ") stores for the image, its "
                + "manifest's compressed layers and config, as `docker push` sent them. \"pulled after edit\" (kB or MB): what a node "
                + "that runs the image pulls after a one-line source edit, the blobs of the build after the edit that the build "
                + "before it, on the same caches, lacks (n/a: the Go server is not rebuilt). \"cold pull\": `skopeo copy` of the image from "
                + "the registry into an empty store, every blob downloaded and checked, none unpacked (median of 3). "
                + "\"added to base\": size minus the size of the final stage's base image. "
                + "\"cold build\": no layer cache, empty Maven cache mount; \"rebuild\": after a one-line source "
                + "edit, caches warm (jib: built by Maven, with an empty Maven repository and empty Jib caches for the cold build); "
                + "\"deps layer reused\": that rebuild took the Maven dependency step from the layer cache (jib: made the "
                + "dependency layer again with the same digest). \"healthcheck\": the image has a HEALTHCHECK, the engine's probe of "
                + "the container; Jib cannot write one, so whatever runs a jib image must probe it (docs/jib.md). "
                + "\"× go\": the figure divided by the same figure of the lesson's Go server (baseline/go), measured in this run: "
                + "times and rates differ between machines, their ratios to a baseline measured beside them travel.\n\n");
        md.append(fleet()).append("\n\n");
        md.append("## Goals\n\n| goal | measured | met |\n|---|---|---|\n");
        for (String[] goal : goals()) {
            md.append("| ").append(goal[0]).append(" | ").append(goal[1]).append(" | ").append(goal[2]).append(" |\n");
        }
        md.append("\n## Bases\n\n| variant | runtime base | image ID / digest |\n|---|---|---|\n");
        for (Measurement m : measurements) {
            md.append("| ").append(m.variant()).append(" | `").append(m.runtimeBase()).append("` | `")
                    .append(m.runtimeBaseId()).append("` |\n");
        }
        md.append("\nRun: `").append(meta.get("command")).append("`\n");
        return md.toString();
    }

    /** What a one-line edit costs a fleet that runs the previous version: every node pulls "pulled after edit". */
    String fleet() {
        List<String> costs = measurements.stream().filter(m -> m.updateBytes() >= 0)
                .map(m -> m.variant() + " " + bytes((long) FLEET_NODES * m.updateBytes())).toList();
        return "What a one-line source edit costs a fleet of " + FLEET_NODES + " nodes that run the previous version, "
                + "pulled after edit × " + FLEET_NODES + ": " + (costs.isEmpty() ? "not measured" : String.join(", ", costs))
                + ". A node with nothing cached pulls the whole stored image.";
    }

    /**
     * The goals each variant's pom holds it to: first what sets a variant apart (its size, its start-up,
     * no shell), then what every image is held to, variant by variant.
     */
    private List<String[]> goals() {
        List<String[]> goals = new ArrayList<>();
        for (Measurement m : measurements) {
            Goals held = heldTo.getOrDefault(m.variant(), Goals.NONE);
            if (held.holds("size")) {
                goals.add(goal(m.variant() + " image <= " + held.maxSizeBytes() / 1_000_000 + " MB", mb(m.size())
                        + over(m.size(), held.maxSizeBytes()), m.size() <= held.maxSizeBytes()));
            }
            if (held.holds("start-up")) {
                // The cache's cost, beside the time it buys: the same image without it.
                String cost = variant(held.withoutCache()).map(plain -> ", AOT cache +" + mb(m.size() - plain.size())
                        + " over " + plain.variant() + "'s " + seconds(plain.medianStartupMillis())
                        + (m.updateBytes() >= 0 && plain.updateBytes() >= 0
                                ? ", and shipped again with every edit: " + bytes(m.updateBytes()) + " pulled per node against "
                                + plain.variant() + "'s " + bytes(plain.updateBytes()) : "")).orElse("");
                double ratio = m.startupTimesBaseline();
                goals.add(goal(m.variant() + ": first 200 after docker run <= " + GOAL_AOT_STARTUP_TIMES_BASELINE + "x go's",
                        seconds(m.medianStartupMillis()) + ", " + times(ratio) + cost,
                        ratio >= 0 && ratio <= GOAL_AOT_STARTUP_TIMES_BASELINE));
            }
            if (held.holds("no-shell")) {
                goals.add(goal(m.variant() + ": no shell, no package manager", "shell " + yesNo(m.hasShell()) + ", pkg mgr "
                        + yesNo(m.hasPackageManager()), !m.hasShell() && !m.hasPackageManager()));
            }
        }
        for (Measurement m : measurements) {
            Goals held = heldTo.getOrDefault(m.variant(), Goals.NONE);
            if (held.holds("memory")) {
                goals.add(goal(m.variant() + ": RSS after load under --memory 128m <= 64 MiB, no OOM kill, no errors",
                        mib(m.rssAfterLoadKib()) + (m.rssAfterLoadKib() > GOAL_RSS_KIB
                                ? String.format(Locale.ROOT, " (%.1f MiB over)", (m.rssAfterLoadKib() - GOAL_RSS_KIB) / 1024.0) : "")
                                + ", OOM " + yesNo(m.oomKilled()) + ", " + m.errors() + " errors",
                        m.rssAfterLoadKib() >= 0 && m.rssAfterLoadKib() <= GOAL_RSS_KIB && !m.oomKilled() && m.errors() == 0));
            }
            if (held.holds("throughput") && baseline().isPresent()) {
                double ratio = m.requestsPerSecondTimesBaseline();
                goals.add(goal(m.variant() + ": req/s with " + connections(meta.get("connections")) + " >= "
                                + GOAL_C2_RATE_TIMES_BASELINE + "x go's",
                        times(ratio), ratio >= GOAL_C2_RATE_TIMES_BASELINE));
            }
            if (held.holds("scaling")) {
                goals.add(goal(m.variant() + ": req/s with " + connections(meta.get("busyConnections")) + " >= "
                                + GOAL_BUSY_RATIO + "x its rate with " + connections(meta.get("connections")),
                        ratio(m.busyRatio()) + ", " + m.busyErrors() + " errors",
                        m.busyRatio() >= GOAL_BUSY_RATIO && m.busyErrors() == 0));
            }
            if (held.holds("rebuild") && m.coldBuildMillis() > 0) {
                goals.add(goal(m.variant() + ": the dependency layer survives a source-only change",
                        yesNo(m.rebuildReusedDependencies()), m.rebuildReusedDependencies()));
                goals.add(goal(m.variant() + ": rebuild after a source-only change <= 1/4 of the cold build",
                        seconds(m.rebuildMillis()) + " / " + seconds(m.coldBuildMillis()),
                        m.rebuildMillis() * 4 <= m.coldBuildMillis()));
            }
        }
        return goals;
    }

    private static String connections(String count) {
        return String.format(Locale.ROOT, "%,d conn.", Integer.parseInt(count));
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    private Optional<Measurement> variant(String name) {
        return measurements.stream().filter(m -> m.variant().equals(name)).findFirst();
    }

    /** How far a size is over its goal, or nothing when it is within. */
    private static String over(long size, long goal) {
        return size > goal ? " (" + mb(size - goal) + " over)" : "";
    }

    private static String[] goal(String goal, String measured, boolean met) {
        return new String[] {goal, measured, met ? "yes" : "**no**"};
    }

    String console() {
        List<Column> columns = columns();
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).title().length();
            for (Measurement m : measurements) {
                widths[i] = Math.max(widths[i], columns.get(i).value().apply(m).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            out.append(String.format("%-" + (widths[i] + 2) + "s", columns.get(i).title()));
        }
        out.append('\n');
        for (Measurement m : measurements) {
            for (int i = 0; i < columns.size(); i++) {
                out.append(String.format("%-" + (widths[i] + 2) + "s", columns.get(i).value().apply(m)));
            }
            out.append('\n');
        }
        out.append("\nGoals:\n");
        for (String[] goal : goals()) {
            out.append("  ").append(goal[2].replace("*", "")).append("  ").append(goal[0]).append(": ").append(goal[1])
                    .append('\n');
        }
        return out.toString();
    }

    String json() {
        StringBuilder json = new StringBuilder("{\n  \"meta\": {");
        json.append(meta.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + string(e.getValue()))
                .collect(Collectors.joining(", ")));
        json.append("},\n  \"variants\": [\n");
        json.append(measurements.stream().map(this::record).collect(Collectors.joining(",\n")));
        return json.append("\n  ]\n}\n").toString();
    }

    private String record(Measurement m) {
        return "    {\"variant\": " + string(m.variant()) + ", \"image\": " + string(m.image())
                + ", \"runtimeBase\": " + string(m.runtimeBase()) + ", \"runtimeBaseId\": " + string(m.runtimeBaseId())
                + ", \"sizeBytes\": " + m.size()
                + ", \"layers\": " + m.layers() + ", \"addedToBaseBytes\": " + m.addedSize()
                + ", \"storedBytes\": " + m.storedBytes()
                + ", \"updateBytes\": " + (m.updateBytes() < 0 ? "null" : String.valueOf(m.updateBytes()))
                + ", \"coldPullMillis\": " + m.coldPullMillis()
                + ", \"shell\": " + m.hasShell() + ", \"packageManager\": " + m.hasPackageManager()
                + ", \"javac\": " + m.hasJavac() + ", \"maven\": " + m.hasMaven()
                + ", \"healthcheck\": " + m.hasHealthcheck()
                + ", \"executables\": " + m.executables()
                + ", \"startupMillis\": " + m.startupMillis() + ", \"medianStartupMillis\": " + m.medianStartupMillis()
                + ", \"serverStartMillis\": " + m.serverStartMillis()
                + ", \"baselineStartupMillis\": " + m.baselineStartupMillis()
                + ", \"rssAfterStartKiB\": " + m.rssAfterStartKib() + ", \"rssAfterLoadKiB\": " + m.rssAfterLoadKib()
                + ", \"requestsPerSecond\": " + m.requestsPerSecond()
                + ", \"baselineRequestsPerSecond\": " + m.baselineRequestsPerSecond() + ", \"errors\": " + m.errors()
                + ", \"busyRequestsPerSecond\": " + m.busyRequestsPerSecond() + ", \"busyErrors\": " + m.busyErrors()
                + ", \"oomKilled\": " + m.oomKilled()
                + ", \"coldBuildMillis\": " + m.coldBuildMillis() + ", \"rebuildMillis\": " + m.rebuildMillis()
                + ", \"rebuildReusedDependencies\": " + m.rebuildReusedDependencies()
                + ", \"timesBaseline\": {\"size\": " + number(baselineRatio(m, x -> (double) x.size()))
                + ", \"medianStartup\": " + number(m.startupTimesBaseline())
                + ", \"coldPull\": " + number(baselineRatio(m, x -> (double) x.coldPullMillis()))
                + ", \"rssAfterLoad\": " + number(baselineRatio(m, x -> (double) x.rssAfterLoadKib()))
                + ", \"requestsPerSecond\": " + number(m.requestsPerSecondTimesBaseline()) + "}}";
    }

    /** A ratio for JSON: three decimals, or null where there is no baseline to divide by. */
    private static String number(double ratio) {
        return ratio < 0 ? "null" : String.format(Locale.ROOT, "%.3f", ratio);
    }

    /**
     * Three groups of horizontal bars, one bar per variant: image size (MB), median start-up (s), and what a
     * node pulls after a one-line source edit (MB; none for the Go baseline, not rebuilt).
     */
    String svg() {
        int barHeight = 22;
        int labelWidth = 110;
        int chartWidth = 420;
        int groupHeight = measurements.size() * (barHeight + 6) + 34;
        int height = 3 * groupHeight + 20;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(labelWidth + chartWidth + 200)
                .append("\" height=\"").append(height).append("\" font-family=\"sans-serif\" font-size=\"13\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        group(svg, 10, "Image size (MB, the layers uncompressed)", labelWidth, chartWidth, barHeight,
                m -> m.size() / 1e6, m -> mb(m.size()) + ratioLabel(m, baselineRatio(m, x -> (double) x.size())));
        group(svg, 10 + groupHeight, "docker run to first 200 on /whoami (s, median)", labelWidth, chartWidth, barHeight,
                m -> m.medianStartupMillis() / 1000.0,
                m -> seconds(m.medianStartupMillis()) + ratioLabel(m, m.startupTimesBaseline()));
        group(svg, 10 + 2 * groupHeight, "Pulled by a node that has the image, after a one-line source edit", labelWidth,
                chartWidth, barHeight, m -> Math.max(0, m.updateBytes()) / 1e6, this::update);
        return svg.append("</svg>\n").toString();
    }

    private void group(StringBuilder svg, int top, String title, int labelWidth, int chartWidth, int barHeight,
                       Function<Measurement, Double> value, Function<Measurement, String> label) {
        double max = measurements.stream().mapToDouble(value::apply).max().orElse(1);
        max = max > 0 ? max : 1;
        svg.append("<text x=\"10\" y=\"").append(top + 14).append("\" font-weight=\"bold\">").append(title)
                .append("</text>\n");
        int y = top + 24;
        for (Measurement m : measurements) {
            double v = value.apply(m);
            int width = (int) Math.max(1, Math.round(chartWidth * v / max));
            svg.append("<text x=\"10\" y=\"").append(y + 16).append("\">").append(m.variant()).append("</text>\n");
            svg.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y).append("\" width=\"").append(width)
                    .append("\" height=\"").append(barHeight).append("\" fill=\"#2a7ab0\"/>\n");
            svg.append("<text x=\"").append(labelWidth + width + 6).append("\" y=\"").append(y + 16).append("\">")
                    .append(label.apply(m)).append("</text>\n");
            y += barHeight + 6;
        }
    }

    /** ", 7.5x go" beside a bar, where the report has a baseline and this is not it. */
    private String ratioLabel(Measurement m, double ratio) {
        return isBaseline(m) || ratio < 0 ? "" : ", " + times(ratio) + " go";
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** A byte count in kB, MB or GB (powers of 10), whichever keeps it readable: what an edit ships can be small. */
    private static String bytes(long bytes) {
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return bytes < 1_000_000_000 ? mb(bytes) : String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    private static String mib(long kib) {
        if (kib < 0) {
            return "stopped";
        }
        return String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }

    private static String seconds(long millis) {
        if (millis < 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
