package io.github.whoami.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's comparison table is the one a comparison run wrote (docs/comparison/report.md, copied
 * from compare/target/compare/), so its figures cannot drift from what the build printed.
 */
class ReadmeTableTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void readmeTableIsTheTableOfTheCommittedReport() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String report = Files.readString(ROOT.resolve("docs/comparison/report.md"));
        assertEquals(table(report), table(readme), "copy the table of docs/comparison/report.md into the README");
    }

    @Test
    void committedReportHasItsJsonAndChart() throws IOException {
        assertTrue(Files.readString(ROOT.resolve("docs/comparison/report.json")).contains("\"variants\""));
        assertTrue(Files.readString(ROOT.resolve("docs/comparison/chart.svg")).startsWith("<svg"));
    }

    private static String table(String markdown) {
        int begin = markdown.indexOf(Report.TABLE_BEGIN);
        int end = markdown.indexOf(Report.TABLE_END);
        assertTrue(begin >= 0 && end > begin, "the table sits between " + Report.TABLE_BEGIN + " and " + Report.TABLE_END);
        return markdown.substring(begin, end);
    }
}
