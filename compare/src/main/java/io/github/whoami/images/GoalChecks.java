package io.github.whoami.images;

import static io.github.whoami.images.Figures.bytes;
import static io.github.whoami.images.Figures.connections;
import static io.github.whoami.images.Figures.count;
import static io.github.whoami.images.Figures.mb;
import static io.github.whoami.images.Figures.mib;
import static io.github.whoami.images.Figures.ratio;
import static io.github.whoami.images.Figures.seconds;
import static io.github.whoami.images.Figures.times;
import static io.github.whoami.images.Figures.yesNo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The goals each variant's pom holds it to ({@link Goals}), checked against what the report measured: a
 * goal whose figure was not measured is not met.
 */
final class GoalChecks {

    /** One goal: what it asks, what was measured, and "yes" or "**no**". */
    record Goal(String goal, String measured, String met) {
    }

    static final long GOAL_RSS_KIB = 64 * 1024;
    /** Times and rates depend on the machine: their goals are ratios to the Go baseline of the same run. */
    private static final double GOAL_AOT_STARTUP_TIMES_BASELINE = 2.0;
    private static final double GOAL_C2_RATE_TIMES_BASELINE = 1.0;
    /** With many busy connections, at least this share of the rate with few. */
    private static final double GOAL_BUSY_RATIO = 0.8;

    private final Report report;

    GoalChecks(Report report) {
        this.report = report;
    }

    /** First what sets a variant apart (its size, its start-up, no shell), then what every image is held to. */
    List<Goal> goals() {
        List<Goal> goals = new ArrayList<>();
        for (Measurement m : report.measurements()) {
            setApart(m, report.heldTo().getOrDefault(m.variant(), Goals.NONE), goals);
        }
        for (Measurement m : report.measurements()) {
            heldToAll(m, report.heldTo().getOrDefault(m.variant(), Goals.NONE), goals);
        }
        return goals;
    }

    private void setApart(Measurement m, Goals held, List<Goal> goals) {
        long size = m.contents().size();
        if (held.holds("size")) {
            goals.add(goal(m.variant() + " image <= " + held.maxSizeBytes() / 1_000_000 + " MB", mb(size)
                    + (size > held.maxSizeBytes() ? " (" + mb(size - held.maxSizeBytes()) + " over)" : ""),
                    size <= held.maxSizeBytes()));
        }
        if (held.holds("start-up")) {
            // The cache's cost, beside the time it buys: the same image without it.
            Long update = m.distribution().updateBytes();
            String cost = report.variant(held.withoutCache()).map(plain -> ", AOT cache +"
                    + mb(size - plain.contents().size()) + " over " + plain.variant() + "'s "
                    + seconds(plain.medianStartupMillis())
                    + (update != null && plain.distribution().updateBytes() != null
                            ? ", and shipped again with every edit: " + bytes(update) + " pulled per node against "
                            + plain.variant() + "'s " + bytes(plain.distribution().updateBytes()) : "")).orElse("");
            double ratio = m.startupTimesBaseline();
            goals.add(goal(m.variant() + ": first 200 after docker run <= " + GOAL_AOT_STARTUP_TIMES_BASELINE + "x go's",
                    seconds(m.medianStartupMillis()) + ", " + times(ratio) + cost,
                    ratio >= 0 && ratio <= GOAL_AOT_STARTUP_TIMES_BASELINE));
        }
        if (held.holds("no-shell")) {
            goals.add(goal(m.variant() + ": no shell, no package manager", "shell " + yesNo(m.contents().hasShell())
                    + ", pkg mgr " + yesNo(m.contents().hasPackageManager()),
                    !m.contents().hasShell() && !m.contents().hasPackageManager()));
        }
    }

    private void heldToAll(Measurement m, Goals held, List<Goal> goals) {
        Measurement.Load load = m.load();
        String few = connections(report.meta().get("connections"));
        if (held.holds("memory")) {
            Long rss = load.rssAfterLoadKib();
            goals.add(goal(m.variant() + ": RSS after load under --memory " + LoadStep.MEMORY + " <= "
                            + GOAL_RSS_KIB / 1024 + " MiB, no OOM kill, no errors",
                    mib(rss) + (rss != null && rss > GOAL_RSS_KIB
                            ? String.format(Locale.ROOT, " (%.1f MiB over)", (rss - GOAL_RSS_KIB) / 1024.0) : "")
                            + ", OOM " + yesNo(load.oomKilled()) + ", " + count(load.errors()) + " errors",
                    rss != null && rss <= GOAL_RSS_KIB && !load.oomKilled() && zero(load.errors())));
        }
        if (held.holds("throughput") && report.baseline().isPresent()) {
            double ratio = m.requestsPerSecondTimesBaseline();
            goals.add(goal(m.variant() + ": req/s with " + few + " >= " + GOAL_C2_RATE_TIMES_BASELINE + "x go's",
                    times(ratio), ratio >= GOAL_C2_RATE_TIMES_BASELINE));
        }
        if (held.holds("scaling")) {
            goals.add(goal(m.variant() + ": req/s with " + connections(report.meta().get("busyConnections")) + " >= "
                            + GOAL_BUSY_RATIO + "x its rate with " + few,
                    ratio(m.busyRatio()) + ", " + count(load.busyErrors()) + " errors",
                    m.busyRatio() >= GOAL_BUSY_RATIO && zero(load.busyErrors())));
        }
        Measurement.Builds builds = m.builds();
        if (held.holds("rebuild") && builds.coldBuildMillis() != null && builds.coldBuildMillis() > 0) {
            goals.add(goal(m.variant() + ": the dependency layer survives a source-only change",
                    yesNo(builds.rebuildReusedDependencies()), Boolean.TRUE.equals(builds.rebuildReusedDependencies())));
            goals.add(goal(m.variant() + ": rebuild after a source-only change <= 1/4 of the cold build",
                    seconds(builds.rebuildMillis()) + " / " + seconds(builds.coldBuildMillis()),
                    builds.rebuildMillis() != null && builds.rebuildMillis() * 4 <= builds.coldBuildMillis()));
        }
    }

    private static boolean zero(Long errors) {
        return errors != null && errors == 0;
    }

    private static Goal goal(String goal, String measured, boolean met) {
        return new Goal(goal, measured, met ? "yes" : "**no**");
    }
}
