package io.github.whoami.images;

import java.util.List;

/** The report on the console: the full table in aligned columns, then the goals, one a line. */
final class ConsoleTable {

    private ConsoleTable() {
    }

    static String render(List<Report.Column> columns, List<Measurement> measurements, List<GoalChecks.Goal> goals) {
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
        for (GoalChecks.Goal goal : goals) {
            out.append("  ").append(goal.met().replace("*", "")).append("  ").append(goal.goal()).append(": ")
                    .append(goal.measured()).append('\n');
        }
        return out.toString();
    }
}
