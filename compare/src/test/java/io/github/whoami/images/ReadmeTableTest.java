package io.github.whoami.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's short table, the committed report, its full table and its chart are what the report code
 * renders from the committed measurements (docs/comparison/report.json, written by the same run), and
 * every figure in the README's prose and in docs/ is one that report gives: a hand edit of any of them
 * fails here, and so does a report older than the report code (a measurement it lacks cannot be read
 * back).
 */
class ReadmeTableTest {

    private static final Path ROOT = Path.of("..");
    /** The README's table holds the figures a reader decides on, not the report's every column. */
    private static final int MAX_README_FIGURE_COLUMNS = 8;
    /**
     * A measured figure: a number and the unit the report writes it in. Times, sizes, memory, ratios
     * ("2.72x") and rates ("45,891 req/s").
     */
    private static final Pattern FIGURE = Pattern.compile(
            "(?<![\\w.,/+-])(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?) ?(MB|MiB|kB|KiB|GB|GiB|x|ms|s|req/s)(?![\\w/])");
    /**
     * Pages whose figures are not this report's, each with its reason: they are kept by others and
     * checked there, or not measured here at all.
     */
    private static final Map<String, String> PAGES_NOT_SCANNED = Map.of(
            "production.md", "its connection figures are the connection budget's (whoami-app's CapacityTableTest) and "
                    + "the container tests', which hold each limit",
            "ci.md", "the CI workflow's own timings");
    /** Figures that are not the report's, by page, and whose they are. */
    private static final Map<String, List<String>> QUOTED = Map.of(
            // The classic Docker lesson this repository answers: its Go image before and after.
            "README.md", List.of("276 MB", "6 MB"),
            // Settings, not measurements: docker stop's grace period, the server's socket read buffer.
            "server.md", List.of("10 s", "8 KiB"),
            // The comparison's own settings (warm-up, polling, time-outs), then the published figures of
            // GraalVM native image against the JDK (Kec 2025, linked where they stand).
            "comparison.md", List.of("10 s", "2 s", "5 ms", "60 s",
                    "8 ms", "6 ms", "383 ms", "50.70 s", "114.04 s", "5.73 s"),
            // Settings and the JVM's own thresholds: the heap at 30% of 128m, the limit under which the JVM
            // sizes it by MinRAMPercentage and what MaxRAMPercentage alone gives, the memory under which it
            // picks Serial, the young generation and its survivors, the health probe's time-outs.
            "dockerfiles.md", List.of("40 MB", "250 MB", "64 MB", "1,792 MB", "8 MB", "1.6 MB", "2 s", "10 s"),
            // The manifests' and compose's settings (DeployFiguresTest ties each to its source): /tmp's
            // size, the probes' periods and time-outs, the grace periods, a larger memory limit.
            "deploy.md", List.of("8 MiB", "1 s", "2 s", "3 s", "10 s", "512 MiB"));

    private static Report report;

    @BeforeAll
    static void readTheCommittedMeasurements() throws IOException {
        report = ReportJson.read(Files.readString(ROOT.resolve("docs/comparison/report.json")), Goals.read(ROOT));
    }

    @Test
    void readmeTableIsWhatTheReportCodeRendersFromTheCommittedMeasurements() throws IOException {
        assertEquals(report.readmeTable(), table(Files.readString(ROOT.resolve("README.md"))),
                "the README's table: paste compare/target/compare/readme-table.md of a report of the current code "
                        + "(docs/comparison.md says how)");
    }

    @Test
    void readmeTableHasAtMostEightFigureColumns() throws IOException {
        String header = table(Files.readString(ROOT.resolve("README.md"))).lines().findFirst().orElseThrow();
        long figureColumns = header.chars().filter(c -> c == '|').count() - 2;
        assertTrue(figureColumns <= MAX_README_FIGURE_COLUMNS, "the README's table has " + figureColumns
                + " figure columns besides the variant's name: at most " + MAX_README_FIGURE_COLUMNS
                + "; the full table belongs in docs/comparison/report.md");
    }

    @Test
    void committedReportAndChartAreWhatTheReportCodeRendersFromTheirMeasurements() throws IOException {
        assertEquals(report.markdown(), Files.readString(ROOT.resolve("docs/comparison/report.md")));
        assertEquals(report.svg(), Files.readString(ROOT.resolve("docs/comparison/chart.svg")));
    }

    @Test
    void everyFigureInTheReadmeAndTheDocsIsOneTheCommittedReportGives() throws IOException {
        String rendered = report.markdown() + "\n" + report.readmeTable();
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md"))
                    .filter(page -> !PAGES_NOT_SCANNED.containsKey(page.getFileName().toString()))
                    .sorted().forEach(pages::add);
        }
        // Each variant's walk-through, in its folder.
        for (String variant : VariantPoms.folders(ROOT)) {
            pages.add(ROOT.resolve("images").resolve(variant).resolve("README.md"));
        }
        List<String> unknown = new ArrayList<>();
        for (Path page : pages) {
            String name = ROOT.relativize(page).getNameCount() > 1 && page.startsWith(ROOT.resolve("images"))
                    ? ROOT.relativize(page).toString() : page.getFileName().toString();
            List<String> quoted = QUOTED.getOrDefault(name, List.of());
            for (String figure : figures(prose(Files.readString(page)))) {
                if (!quoted.contains(figure) && !rendered(rendered, figure)) {
                    unknown.add(name + ": " + figure);
                }
            }
        }
        assertEquals(List.of(), unknown, "figures that docs/comparison/report.md does not give: quote the "
                + "committed report exactly (run the comparison first if the figure is new), or drop the figure");
    }

    @Test
    void aFigureEditedByHandIsFound() {
        String prose = "`jlink` is 48.6 MB, 11x Go's, and starts in 1.69 s.";
        assertEquals(List.of("48.6 MB", "11x", "1.69 s"), figures(prose));
        assertTrue(rendered(report.markdown(), "48.6 MB"));
        assertFalse(rendered(report.markdown(), "48.7 MB"), "a figure one digit off is not the report's");
        assertFalse(rendered(report.markdown(), "8.6 MB"), "a figure matches whole, not as the end of another");
    }

    /** A page without its code blocks, inline code and the README's table, which is checked whole above. */
    private static String prose(String page) {
        String text = page;
        int begin = text.indexOf(Report.TABLE_BEGIN);
        int end = text.indexOf(Report.TABLE_END);
        if (begin >= 0 && end > begin) {
            text = text.substring(0, begin) + text.substring(end);
        }
        return text.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\\n]*`", "").replaceAll("\\]\\([^)]*\\)", "]");
    }

    private static List<String> figures(String prose) {
        List<String> found = new ArrayList<>();
        Matcher figure = FIGURE.matcher(prose);
        while (figure.find()) {
            found.add(figure.group(1) + (figure.group(2).equals("x") ? "" : " ") + figure.group(2));
        }
        return found;
    }

    private static boolean rendered(String report, String figure) {
        return Pattern.compile("(?<![\\d.,])" + Pattern.quote(figure) + "(?![\\w])").matcher(report).find();
    }

    private static String table(String markdown) {
        int begin = markdown.indexOf(Report.TABLE_BEGIN);
        int end = markdown.indexOf(Report.TABLE_END);
        assertTrue(begin >= 0 && end > begin, "the table sits between " + Report.TABLE_BEGIN + " and " + Report.TABLE_END);
        return markdown.substring(begin + Report.TABLE_BEGIN.length() + 1, end);
    }
}
