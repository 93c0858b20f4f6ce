package io.github.whoami.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The builds of a variant with no Dockerfile (jib), as its users build it: {@code mvnw -pl images/VARIANT
 * -am package} in a copy of the repository ({@link SourceTree#repositoryCopy}), on this JDK, tagging
 * {@code REPOSITORY-compare:VARIANT}. {@code -am}: the app and the container tests the module depends on
 * are built in the same run, as on a machine that never built them.
 */
final class MavenBuild {

    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private final Engine docker;
    private final ComparisonOptions options;
    /** The measured image's OCI labels: the copy has no .git for git-commit-id to read them from. */
    private final Map<String, String> labels;

    MavenBuild(Engine docker, ComparisonOptions options, Map<String, String> labels) {
        this.docker = docker;
        this.options = options;
        this.labels = labels;
    }

    /** Cold: an empty Maven local repository and empty Jib caches of its own. */
    BuildStep.Build cold(Variant variant) throws IOException, InterruptedException {
        Path copy = SourceTree.repositoryCopy(options.context());
        Path caches = Files.createTempDirectory("whoami-cold-caches-");
        try {
            long millis = build(variant, copy, "-Dmaven.repo.local=" + caches.resolve("m2"),
                    "-Djib.baseImageCache=" + caches.resolve("jib-base"),
                    "-Djib.applicationCache=" + caches.resolve("jib-app"));
            return new BuildStep.Build(millis, false);
        } finally {
            SourceTree.delete(copy);
            SourceTree.delete(caches);
        }
    }

    /**
     * The copy, built once on the warm caches (the running build's Maven repository, Jib's own caches), then
     * again after a one-line edit of the source, timed. Jib prints nothing like BuildKit's CACHED: the
     * dependency layer counts as reused when it comes out the same, digest for digest, as before the edit,
     * so that neither the engine nor a registry takes it again.
     */
    BuildStep.Build rebuildAfterSourceEdit(Variant variant, DistributionStep distribution)
            throws IOException, InterruptedException {
        if (options.mavenRepository().isBlank()) {
            throw new IllegalStateException("The comparison's option mavenRepository is missing: " + variant.name()
                    + " rebuilds on the running build's Maven repository; give it as mavenRepository=PATH, as "
                    + "compare/pom.xml does.");
        }
        Path copy = SourceTree.repositoryCopy(options.context());
        String repository = "-Dmaven.repo.local=" + options.mavenRepository();
        String image = options.comparisonImage(variant.name());
        try {
            build(variant, copy, repository);
            distribution.before(image);
            String dependencies = jibLayer(image, "dependencies");
            SourceTree.appendSourceOnlyEdit(copy);
            long millis = build(variant, copy, repository);
            distribution.after(image);
            return new BuildStep.Build(millis, dependencies.equals(jibLayer(image, "dependencies")));
        } finally {
            SourceTree.delete(copy);
        }
    }

    /**
     * The diff ID of the layer Jib names {@code comment} in the image's history: Jib's own layers are the
     * image's last ones, one per history entry it wrote, in order.
     */
    private String jibLayer(String image, String comment) {
        List<String> jibHistory = docker.run("history", "--no-trunc", "--format", "{{.CreatedBy}}\t{{.Comment}}", image)
                .lines().filter(line -> line.startsWith("jib-")).map(line -> line.substring(line.indexOf('\t') + 1))
                .toList().reversed();
        List<String> layers = List.of(docker.run("image", "inspect", "--format", "{{range .RootFS.Layers}}{{.}} {{end}}",
                image).split("\\s+"));
        int index = jibHistory.indexOf(comment);
        if (index < 0 || jibHistory.size() > layers.size()) {
            throw new IllegalStateException(image + " has no layer Jib calls \"" + comment + "\": its Jib layers are "
                    + jibHistory);
        }
        return layers.get(layers.size() - jibHistory.size() + index);
    }

    /** Builds the variant in {@code repository} with {@code properties} added; the wall time in milliseconds. */
    private long build(Variant variant, Path repository, String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(repository.resolve("mvnw").toString(), "-B", "-ntp",
                "-pl", "images/" + variant.name(), "-am", "package", "-DskipTests",
                "-Ddocker.executable=" + options.docker(), "-Dimage.repository=" + options.repository() + "-compare",
                "-Djib.base.scheme=" + options.jibBaseScheme()));
        // What git-commit-id reads from .git, which the copy leaves out: the measured image's own values.
        if (labels.containsKey("revision") && labels.containsKey("created")) {
            command.add("-Dgit.commit.id=" + labels.get("revision"));
            command.add("-Dgit.commit.time=" + labels.get("created"));
        }
        command.addAll(List.of(properties));
        Path log = Files.createTempFile("whoami-maven-build-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            // Not this run's Maven arguments (-Pcompare among them): the build is the one a user runs.
            builder.environment().remove("MAVEN_ARGS");
            System.out.println("==> " + String.join(" ", command));
            long start = System.nanoTime();
            Process maven = builder.start();
            maven.getOutputStream().close();
            if (!maven.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                maven.descendants().forEach(ProcessHandle::destroyForcibly);
                maven.destroyForcibly();
                throw new IllegalStateException("the Maven build of " + variant.name() + " did not finish within "
                        + TIMEOUT.toMinutes() + " minutes");
            }
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            if (maven.exitValue() != 0) {
                throw new IllegalStateException("the Maven build of " + variant.name() + " failed:\n"
                        + lastLines(Files.readAllLines(log), 40));
            }
            return millis;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The last {@code count} lines, where a failed build says why. */
    static String lastLines(List<String> lines, int count) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
