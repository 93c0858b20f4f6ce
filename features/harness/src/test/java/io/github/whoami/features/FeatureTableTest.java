package io.github.whoami.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * docs/comparison.md publishes the feature cost table; docs/comparison/features.md is the report the
 * build wrote (features-report.md). Every row the page shows must be a row of that report, as written.
 */
class FeatureTableTest {

    private static final Path ROOT = Path.of("..", "..");
    private static final String SECTION = "## What each feature costs";

    @Test
    void everyRowOfTheFeatureTableInComparisonMdIsOneTheCommittedReportWrote() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/comparison.md"));
        int start = page.indexOf(SECTION);
        assertFalse(start < 0, "docs/comparison.md has no section \"" + SECTION + "\"");
        int end = page.indexOf("\n## ", start + SECTION.length());
        List<String> rows = page.substring(start, end < 0 ? page.length() : end).lines()
                .filter(line -> line.startsWith("| ") && !line.startsWith("| step")).toList();
        assertFalse(rows.isEmpty(), "the section shows no table");
        List<String> report = Files.readAllLines(ROOT.resolve("docs/comparison/features.md"));
        assertEquals(List.of(), rows.stream().filter(row -> !report.contains(row)).toList(),
                "rows that docs/comparison/features.md does not have: copy them from the report the build wrote");
    }
}
