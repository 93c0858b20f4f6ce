package io.github.whoami.features;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import io.github.whoami.images.Docker;
import io.github.whoami.images.Wrk;

/**
 * Writes the feature cost table, features-report.md: each step of {@link #steps} in the jlink and the
 * jlink-aot image ({@link StepRuns}), and for each step the modules jdeps finds in it and the size of a
 * runtime linked from them with images/jlink.args, on this machine's JDK.
 *
 * <pre>FeatureCosts repository=R docker=D network=N baseline=DIR jlinkArgs=FILE app=DIR steps=DIR out=DIR
 *     loadSeconds=S startRuns=N images=jlink,jlink-aot</pre>
 */
public final class FeatureCosts {

    private FeatureCosts() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            options.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        Wrk.requireInstalled();
        Path out = Path.of(options.get("out"));
        deleteTree(out);
        Map<Step, Path> steps = steps(Path.of(options.get("steps")), Path.of(options.get("app")), out.resolve("steps"));

        Docker docker = new Docker(options.get("docker"));
        String goImage = options.get("repository") + "-baseline:go";
        System.out.println("==> Building " + goImage);
        Docker.Result built = docker.exec(Duration.ofMinutes(10), "build", "--network=" + options.get("network"),
                "--tag=" + goImage, options.get("baseline"));
        if (built.exitCode() != 0) {
            throw new IllegalStateException("docker build of the Go server failed: " + built.stderr());
        }
        int startRuns = Integer.parseInt(options.get("startRuns"));
        int loadSeconds = Integer.parseInt(options.get("loadSeconds"));
        StepRuns runs = new StepRuns(docker, goImage, startRuns, loadSeconds);

        Map<String, List<StepRuns.Figures>> figures = new LinkedHashMap<>();
        for (String variant : options.get("images").split(",")) {
            String image = options.get("repository") + ":" + variant;
            List<StepRuns.Figures> rows = new ArrayList<>();
            for (Step step : steps.keySet()) {
                System.out.println("==> " + step.name() + " in " + image);
                rows.add(runs.measure(image, variant.endsWith("-aot"), step));
                System.out.println("    " + rows.getLast());
            }
            figures.put(variant, rows);
        }
        long goRss = runs.goRssAfterLoad();

        List<String> modules = new ArrayList<>();
        List<Long> linkedBytes = new ArrayList<>();
        Map<String, Long> linked = new HashMap<>();
        for (Map.Entry<Step, Path> step : steps.entrySet()) {
            String found = jdeps(step.getKey(), step.getValue());
            modules.add(found);
            linkedBytes.add(linked.computeIfAbsent(found,
                    list -> link(list, Path.of(options.get("jlinkArgs")), out.resolve("runtime"))));
        }
        String report = FeatureReport.markdown(List.copyOf(steps.keySet()), figures, modules, linkedBytes, goRss,
                startRuns, loadSeconds, Instant.now());
        Files.writeString(out.resolve("features-report.md"), report);
        System.out.println(report);
    }

    /**
     * The rows, each with the jar jdeps starts from: Helidon's web server alone, then one feature more
     * each (the step modules), then whoami itself as packaged (whoami-app/target: its jar and libs/).
     */
    static Map<Step, Path> steps(Path modules, Path app, Path folder) throws IOException {
        Path appClasses = app.resolve("classes");
        Map<Step, Path> steps = new LinkedHashMap<>();
        String[][] rows = {
                {"Helidon's web server alone", "step1-webserver", "PlainServer", "step1-webserver"},
                {"+ configuration: Config.create()", "step2-config", "ConfiguredServer", "step2-config"},
                {"+ logging: helidon-logging-jul", "step3-logging", "LoggingServer", "step3-logging"},
                {"+ health and observe, Helidon's built-in checks", "step4-health", "LoggingServer", "step3-logging"},
                {"+ JSON-P media (the JSON view)", "step5-json", "JsonServer", "step5-json"},
        };
        for (String[] row : rows) {
            Step step = Step.of(row[0], "io.github.whoami.features." + row[2], jar(modules.resolve(row[1])),
                    folder.resolve(row[1]), appClasses);
            steps.put(step, step.jars().stream().filter(jar -> jar.getFileName().toString()
                    .startsWith("whoami-features-" + row[3] + "-")).findFirst().orElseThrow());
        }
        Step whoami = Step.of("whoami as shipped: + connection defences, config sources named, own liveness checks",
                "io.github.whoami.Main", app.resolve("whoami-app.jar"), folder.resolve("whoami"), appClasses);
        steps.put(whoami, whoami.jars().getFirst());
        return steps;
    }

    private static Path jar(Path module) throws IOException {
        try (Stream<Path> files = Files.list(module.resolve("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("whoami-features-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jar in " + module + "/target: run package first"));
        }
    }

    /** What the jlink images' LinkedModulesIT asks of jdeps, from the step's jar over its class path. */
    static String jdeps(Step step, Path input) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ToolProvider.findFirst("jdeps").orElseThrow().run(new PrintWriter(out), new PrintWriter(err),
                "--ignore-missing-deps", "--print-module-deps", "--multi-release", "25", "--recursive",
                "--class-path", step.localClassPath(), input.toString());
        if (exit != 0) {
            throw new IllegalStateException("jdeps on " + step.name() + " failed: " + err);
        }
        return out.toString().strip();
    }

    /** Links {@code modules} with the rest of images/jlink.args and returns the runtime's size in bytes. */
    static long link(String modules, Path jlinkArgs, Path output) {
        try {
            deleteTree(output);
            List<String> args = new ArrayList<>();
            for (String line : Files.readAllLines(jlinkArgs)) {
                String option = line.strip();
                if (option.isEmpty() || option.startsWith("#")) {
                    continue;
                }
                args.addAll(option.startsWith("--add-modules ") ? List.of("--add-modules", modules)
                        : List.of(option.split("\\s+")));
            }
            args.addAll(List.of("--output", output.toString()));
            StringWriter err = new StringWriter();
            int exit = ToolProvider.findFirst("jlink").orElseThrow()
                    .run(new PrintWriter(new StringWriter()), new PrintWriter(err), args.toArray(String[]::new));
            if (exit != 0) {
                throw new IllegalStateException("jlink of " + modules + " failed: " + err);
            }
            try (Stream<Path> files = Files.walk(output)) {
                return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot link " + modules + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
