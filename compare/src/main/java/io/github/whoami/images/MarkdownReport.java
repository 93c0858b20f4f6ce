package io.github.whoami.images;

import static io.github.whoami.images.Figures.bytes;

import java.util.List;
import java.util.Map;

/**
 * report.md: the run and its method, the full table, what each column means, what an edit costs a fleet,
 * the goals, the bases, and the command that runs it again. The method's numbers come from the run's
 * options (in the report's meta) and from the constants that set the method in the steps.
 */
final class MarkdownReport {

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

    private final Report report;
    private final Map<String, String> meta;

    MarkdownReport(Report report) {
        this.report = report;
        this.meta = report.meta();
    }

    String render() {
        StringBuilder md = new StringBuilder("# whoami: the variants compared\n\n");
        md.append(method()).append("\n");
        if (!meta.get("bases").isBlank()) {
            md.append("\n").append(meta.get("bases")).append(" ").append(STAND_INS).append("\n");
        }
        md.append("\n").append(Report.TABLE_BEGIN).append("\n").append(report.markdownTable()).append(Report.TABLE_END)
                .append("\n\n");
        md.append(legend()).append("\n\n");
        md.append(fleet()).append("\n\n");
        if (!report.notMeasured().isEmpty()) {
            md.append("## Not measured\n\nWhat is \"—\" above and should have a figure, and why:\n\n");
            report.notMeasured().forEach(problem -> md.append("- ").append(problem).append("\n"));
            md.append("\n");
        }
        md.append("## Goals\n\n| goal | measured | met |\n|---|---|---|\n");
        for (GoalChecks.Goal goal : new GoalChecks(report).goals()) {
            md.append("| ").append(goal.goal()).append(" | ").append(goal.measured()).append(" | ").append(goal.met())
                    .append(" |\n");
        }
        md.append("\n## Bases\n\n| variant | runtime base | image ID / digest |\n|---|---|---|\n");
        for (Measurement m : report.measurements()) {
            md.append("| ").append(m.variant()).append(" | `").append(m.contents().runtimeBase()).append("` | `")
                    .append(m.contents().runtimeBaseId()).append("` |\n");
        }
        md.append("\nRun: `").append(meta.get("command")).append("`\n");
        return md.toString();
    }

    /** The machine, then the method: from the run's options and the steps' constants. */
    private String method() {
        return "Measured " + meta.get("date") + " on " + meta.get("cpus") + " CPUs, Docker engine " + meta.get("engine")
                + " with the " + meta.get("imageStore") + " image store, " + meta.get("jdk") + ". Start-up: median of "
                + meta.get("startRuns") + " runs, each followed by a start of the Go server: \"run → 200 × go\" divides "
                + "by the median of those. Load: wrk, " + LoadStep.WRK_THREADS + " thread, " + meta.get("connections")
                + " connections, then " + meta.get("busyConnections") + ", each " + meta.get("loadSeconds")
                + " s after a warm-up, container limited to " + LoadStep.LIMITS + ". The first load runs in windows of "
                + "about " + LoadWindows.WINDOW_SECONDS + " s, each followed by one as long on the Go server, running "
                + "beside it under the same limits: \"req/s × go\" divides the variant's rate by the Go server's in "
                + "those windows, which share the machine's moments.";
    }

    /** What each column means. */
    private String legend() {
        return "Sizes in MB (10^6 bytes): the layers' uncompressed tars added up, from `docker save`; memory in MiB. "
                + "\"stored\": what the registry (" + meta.getOrDefault("registry", "") + ") stores for the image, its "
                + "manifest's compressed layers and config, as `docker push` sent them. \"pulled after edit\" (kB or MB): "
                + "what a node that runs the image pulls after a one-line source edit, the blobs of the build after the "
                + "edit that the build before it, on the same caches, lacks (n/a: the Go server is not rebuilt). \"cold "
                + "pull\": `skopeo copy` of the image from the registry into an empty store, every blob downloaded and "
                + "checked, none unpacked (median of " + DistributionStep.COLD_PULLS + "). "
                + "\"added to base\": size minus the size of the final stage's base image. "
                + "\"cold build\": no layer cache, empty Maven cache mount; \"rebuild\": after a one-line source "
                + "edit, caches warm (jib: built by Maven, with an empty Maven repository and empty Jib caches for the "
                + "cold build); \"deps layer reused\": that rebuild took the Maven dependency step from the layer cache "
                + "(jib: made the dependency layer again with the same digest). \"healthcheck\": the image has a "
                + "HEALTHCHECK, the engine's probe of the container; Jib cannot write one, so whatever runs a jib image "
                + "must probe it (docs/jib.md). \"× go\": the figure divided by the same figure of the lesson's Go "
                + "server (baseline/go), measured in this run: times and rates differ between machines, their ratios "
                + "to a baseline measured beside them travel.";
    }

    /** What a one-line edit costs a fleet that runs the previous version: every node pulls "pulled after edit". */
    String fleet() {
        List<String> costs = report.measurements().stream().filter(m -> m.distribution().updateBytes() != null)
                .map(m -> m.variant() + " " + bytes((long) FLEET_NODES * m.distribution().updateBytes())).toList();
        return "What a one-line source edit costs a fleet of " + FLEET_NODES + " nodes that run the previous version, "
                + "pulled after edit × " + FLEET_NODES + ": " + (costs.isEmpty() ? "not measured" : String.join(", ", costs))
                + ". A node with nothing cached pulls the whole stored image.";
    }
}
