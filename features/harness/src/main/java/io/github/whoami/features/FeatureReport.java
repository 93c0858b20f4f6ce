package io.github.whoami.features;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The feature cost table as markdown: one table per image, then what each step links. */
final class FeatureReport {

    private FeatureReport() {
    }

    static String markdown(List<Step> steps, Map<String, List<StepRuns.Figures>> figures, List<String> modules,
                           List<Long> linkedBytes, long goRssKib, int startRuns, int loadSeconds, Instant when) {
        StringBuilder md = new StringBuilder();
        md.append("# What each feature costs\n\n")
                .append("Written by `mvnw -pl images/jlink,images/jlink-aot,features/harness -am verify -Pfeatures` on ")
                .append(when.toString(), 0, 10).append(". Each row is a server with one feature more than the row above ")
                .append("(features/step*), run in the image's linked runtime with the image's own `/app/jvm.options`; in ")
                .append("jlink-aot, with an AOT cache trained for that row. *classes*: loaded until the first 200 on ")
                .append("/whoami (`-Xlog:class+load`); *server start*: the server's own `started in` line (the JVM's ")
                .append("uptime), median of ").append(startRuns).append(" starts; *first 200*: `docker run` to the ")
                .append("first 200 on /whoami, median of ").append(startRuns).append(", and as a ratio to the Go ")
                .append("server's starts, which alternate with them in the same run; *RSS after load*: after ")
                .append(loadSeconds).append(" s of wrk with 32 connections under `--cpus 1 --memory 128m`.\n\n");
        for (Map.Entry<String, List<StepRuns.Figures>> image : figures.entrySet()) {
            md.append("## ").append(image.getKey()).append("\n\n")
                    .append("| step | classes | server start (ms) | first 200 (ms) | first 200 (x go) | RSS after load (MiB) |\n")
                    .append("|---|---:|---:|---:|---:|---:|\n");
            for (int i = 0; i < steps.size(); i++) {
                StepRuns.Figures row = image.getValue().get(i);
                md.append("| ").append(i + 1).append(". ").append(steps.get(i).name())
                        .append(" | ").append(row.classes())
                        .append(" | ").append(row.serverStartMillis())
                        .append(" | ").append(row.firstAnswerMillis())
                        .append(" | ").append(String.format(Locale.ROOT, "%.2f",
                                (double) row.firstAnswerMillis() / row.goFirstAnswerMillis()))
                        .append(" | ").append(mib(row.rssAfterLoadKib()))
                        .append(" |\n");
            }
            md.append("\n");
        }
        md.append("The Go server's RSS after the same load: ").append(mib(goRssKib)).append(" MiB.\n\n")
                .append("## What each step links\n\n")
                .append("*jdeps*: the modules `jdeps --print-module-deps --recursive` finds from the step's jar over its ")
                .append("class path, as images/jlink.args must list them for whoami (LinkedModulesIT); *linked runtime*: ")
                .append("`jlink` of those modules with the rest of images/jlink.args, on the JDK 25 of the machine that ")
                .append("ran the build; *loaded at run time*: the modules the classes of the jlink run came from.\n\n")
                .append("| step | jdeps | linked runtime (MB) | loaded at run time |\n|---|---|---:|---|\n");
        List<StepRuns.Figures> first = figures.values().iterator().next();
        for (int i = 0; i < steps.size(); i++) {
            md.append("| ").append(i + 1).append(". ").append(steps.get(i).name())
                    .append(" | ").append(modules.get(i))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", linkedBytes.get(i) / 1e6))
                    .append(" | ").append(String.join(",", first.get(i).modulesLoaded()))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String mib(long kib) {
        return String.format(Locale.ROOT, "%.1f", kib / 1024.0);
    }
}
