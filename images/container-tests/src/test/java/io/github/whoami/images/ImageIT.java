package io.github.whoami.images;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image this module built, on the real engine: run it as a user would and check what a user would
 * check, and what its files hold. Every image module runs this same class; {@link Variant}, from the
 * module's pom, says what differs. What production does to an image is in the other *IT classes: bad
 * input, proxies, memory, signals, a read-only root and other users.
 *
 * <p>The container runs with host networking (this project's machines have no bridge network, and its
 * tests only talk to 127.0.0.1), on a free port given through {@code SERVER_PORT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageIT {

    private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(60);
    private static final String UID = "10001";
    /** Where the official Temurin images, and so the build stages, keep their JDK. */
    private static final String BUILD_IMAGE_JDK = "opt/java/openjdk/";

    private final Docker docker = ImageUnderTest.docker();
    private final String image = ImageUnderTest.image();
    private final Variant variant = ImageUnderTest.variant();

    private Container container;
    /** Every path in the image, listed once. */
    private List<String> files;

    @BeforeAll
    void startContainer() throws Exception {
        container = Container.start(docker, image);
        files = docker.listFiles(image);
    }

    @AfterAll
    void removeContainer() {
        if (container != null) {
            container.close();
        }
    }

    @Test
    @Order(1)
    void whoamiAnswersExactlyTheContainerHostName() throws Exception {
        HttpResponse<String> response = container.get("/whoami", "*/*");
        assertEquals(200, response.statusCode());
        assertEquals(container.name(), response.body());
    }

    @Test
    @Order(2)
    void jsonViewNamesTheVariantAndTheJava25Runtime() throws Exception {
        String json = container.get("/whoami", "application/json").body();
        assertTrue(json.contains("\"variant\":\"" + variant.name() + "\""), json);
        assertTrue(json.contains("\"hostname\":\"" + container.name() + "\""), json);
        assertTrue(json.contains("\"javaVersion\":\"25"), json);
    }

    @Test
    @Order(3)
    void serverRunsAsNonRootNumericUid() {
        assertEquals(UID, docker.run("inspect", "--format", "{{.Config.User}}", image));
        List<String> uids = docker.top(container.name(), "uid");
        assertFalse(uids.isEmpty(), "the container has processes");
        assertTrue(uids.stream().allMatch(UID::equals), "every process runs as " + UID + ": " + uids);
    }

    @Test
    @Order(4)
    void buildToolsAreInTheImageOnlyWhereTheVariantKeepsThem() {
        boolean javac = files.stream().anyMatch(path -> path.endsWith("bin/javac"));
        boolean maven = files.stream().anyMatch(path -> path.endsWith("bin/mvn") || path.contains("share/maven/"));
        // The cache mount's empty mount point may stay; no file may be under it.
        boolean mavenRepository = files.stream().anyMatch(path -> path.matches(".*\\.m2/repository/.+"));
        boolean sources = files.stream().anyMatch(path -> path.endsWith("whoami-app/src/main/java/io/github/whoami/Main.java"));

        if (variant.buildTools()) {
            // The single-stage image keeps what built it: that is the size the other variants save.
            assertTrue(javac, "traditional keeps the JDK's javac");
            assertTrue(maven, "traditional keeps Maven");
            assertTrue(sources, "traditional keeps the sources");
        } else {
            assertFalse(javac, "no javac in " + image);
            assertFalse(maven, "no Maven in " + image);
            assertFalse(sources, "no sources in " + image);
        }
        // The BuildKit cache mount keeps the Maven repository out of every image, even the single-stage one.
        assertFalse(mavenRepository, "no Maven repository in " + image);
    }

    @Test
    @Order(5)
    void aShellIsInTheImageOnlyWhereTheVariantHasOne() {
        // Merged /usr: /bin is a link to usr/bin, and the shell is usr/bin/sh.
        boolean shell = files.stream().anyMatch(path -> path.equals("bin/sh") || path.equals("usr/bin/sh"));
        assertEquals(variant.shell(), shell, "/bin/sh in " + image);
    }

    @Test
    @Order(6)
    void imageHoldsNoSecretsNoGitAndNoSourcesBeyondWhatTheVariantKeeps() throws IOException {
        List<String> leftovers = files.stream().filter(path -> path.matches("(.*/)?\\.git(/.*)?")
                // Maven's user settings (credentials live there); a Maven distribution's conf/ is no secret
                || path.matches(".*\\.m2/(settings|settings-security|toolchains)\\.xml")
                || path.matches(".*/(settings|settings-security)\\.xml") && !path.matches(".*/conf/settings\\.xml")
                || path.matches("(.*/)?(\\.env|\\.npmrc|\\.netrc|\\.dockerignore|id_rsa|id_ecdsa|id_ed25519|.*\\.key|.*\\.p12|.*\\.pfx)")
                // A .pem is a key unless it is in the system's CA certificate store, where the official bases keep theirs.
                || path.endsWith(".pem") && !path.matches("(etc/ssl|etc/pki|usr/share/ca-certificates|usr/local/share/ca-certificates)/.*")
                || path.matches(".*\\.m2/repository/.+")).toList();
        assertEquals(List.of(), leftovers, "secrets or build leftovers in " + image);
        assertEquals(List.of(), fromOutsideTheBuildContext(), "files .dockerignore keeps out of the build, in " + image);

        List<String> sources = files.stream().filter(path -> path.endsWith(".java")).toList();
        if (variant.buildTools()) {
            // traditional keeps, on purpose, what built it: the POMs, the sources and target/ (jar and
            // classes). That is the point of the "before" picture, and the size the others save.
            assertTrue(sources.stream().allMatch(path -> path.contains("whoami-app/src/main/java/")), sources.toString());
            assertTrue(files.stream().anyMatch(path -> path.endsWith("whoami-app/target/whoami-app.jar")));
            assertTrue(files.stream().anyMatch(path -> path.endsWith("whoami-app/pom.xml")));
            System.out.printf("%s keeps %d source files, the POMs and target/ (by design)%n", image, sources.size());
        } else {
            assertEquals(List.of(), sources, "no sources in " + image);
            assertFalse(files.stream().anyMatch(path -> path.endsWith("pom.xml")), "no POM in " + image);
        }
    }

    /**
     * Files of this repository that .dockerignore keeps out of the build context, found in the image where
     * a copy of the context would put them: at the root, or under /app (the single-stage image's WORKDIR).
     */
    private List<String> fromOutsideTheBuildContext() throws IOException {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "../.."));
        List<String> rules = Files.readAllLines(root.resolve(".dockerignore")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        // The shape this check reads: exclude everything, then allow paths (a trailing / allows a folder).
        assertEquals("*", rules.getFirst(), ".dockerignore starts by excluding everything");
        assertTrue(rules.stream().skip(1).allMatch(rule -> rule.startsWith("!")), ".dockerignore allows, after *: " + rules);
        List<String> allowed = rules.stream().skip(1).map(rule -> rule.substring(1)).toList();
        List<String> excluded;
        try (Stream<Path> walk = Files.walk(root)) {
            excluded = walk.filter(Files::isRegularFile).map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .filter(path -> !path.startsWith(".git/") && !path.contains("/target/") && !path.contains("node_modules/"))
                    .filter(path -> allowed.stream().noneMatch(allow -> path.equals(allow) || allow.endsWith("/") && path.startsWith(allow)))
                    .toList();
        }
        assertFalse(excluded.isEmpty(), "the repository has files .dockerignore excludes");
        return excluded.stream().filter(path -> files.contains(path) || files.contains("app/" + path)).toList();
    }

    @Test
    @Order(7)
    void aLinkedRuntimeTakesNothingFromTheBuildImagesJdk() {
        // The official Temurin images register their JDK's library folders with the system loader, so a
        // careless ldd in a build stage copies the JDK's own libjvm.so: only the linked runtime belongs.
        List<String> fromTheJdk = files.stream().filter(path -> path.startsWith(BUILD_IMAGE_JDK)).toList();
        if (variant.runtimeModules().isEmpty()) {
            assertTrue(files.contains(BUILD_IMAGE_JDK + "bin/java"), "a JDK or JRE image runs the one at /" + BUILD_IMAGE_JDK);
        } else {
            assertEquals(List.of(), fromTheJdk, "files of the build image's JDK in " + image);
        }
    }

    @Test
    @Order(8)
    void javaRuntimeHoldsTheModulesTheVariantPromises() {
        List<String> modules = docker.run("run", "--rm", "--network", "none", "--entrypoint", "java", image,
                        "--list-modules")
                .lines().map(line -> line.replaceFirst("@.*", "")).sorted().toList();
        if (variant.runtimeModules().isEmpty()) {
            assertTrue(modules.contains("java.se"), "a full JDK or JRE has the whole platform: " + modules);
        } else {
            assertEquals(variant.runtimeModules(), modules, "jlink links only what jdeps found");
        }
    }

    @Test
    @Order(9)
    void anAotCacheIsThereOnlyWhereTheVariantHasOneAndTheJvmUsesItUnderTheComparisonsLimits() throws Exception {
        boolean cached = files.contains("app/whoami.aot");
        assertEquals(variant.aotCache(), cached, "/app/whoami.aot in " + image);
        if (variant.aotCache()) {
            // A cache that does not match the runtime, the class path or the GC is ignored, with a warning
            // only; under --cpus 1 --memory 128m the JVM picks its GC anew. -XX:AOTMode=on makes that an
            // exit, and -Xlog:aot says how much of the cache it took.
            try (Container logged = Container.start(docker, image, "--cpus", "1", "--memory", "128m",
                    "--env", "JAVA_TOOL_OPTIONS=-Xlog:aot -XX:AOTMode=on")) {
                String logs = logged.logs();
                assertTrue(logs.contains("Opened AOT cache /app/whoami.aot"), logs);
                assertTrue(logs.contains("Using AOT-linked classes: true"), logs);
                assertTrue(logs.contains("Loaded heap") || logs.contains("Mapped heap"), "the archived heap objects: " + logs);
                assertFalse(logs.contains("[error][aot"), logs);
            }
        }
    }

    @Test
    @Order(10)
    void ociLabelsNameTheCommitItWasBuiltFrom() throws Exception {
        String revision = git("rev-parse", "HEAD");
        String created = git("log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%dT%H:%M:%SZ");
        assertEquals(revision, label("revision"), "the commit the image was built from");
        assertEquals(created, label("created"), "that commit's time, in UTC");
        assertEquals("whoami (" + variant.name() + ")", label("title"));
        assertEquals(System.getProperty("image.version"), label("version"), "the project's version");
        assertEquals(System.getProperty("image.source"), label("source"), "the repository's address");
        assertFalse(label("description").isBlank(), "a description");
    }

    private String label(String name) {
        return docker.run("inspect", "--format", "{{index .Config.Labels \"org.opencontainers.image." + name + "\"}}", image);
    }

    /** What git says of the checkout the image was built from, read here, not from the build. */
    private static String git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C",
                System.getProperty("maven.multiModuleProjectDirectory", "../.."), "--no-pager"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TZ", "UTC");
        Process git = builder.start();
        String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(0, git.waitFor(), "git " + String.join(" ", args) + ": " + out);
        return out;
    }

    @Test
    @Order(11)
    void healthcheckTurnsHealthyWhereTheVariantHasOne() throws Exception {
        ImageUnderTest.assertHealthyAsDeclared(container, HEALTHY_TIMEOUT);
    }

    @Test
    @Order(12)
    void dockerStopEndsItWithinFiveSecondsWithACleanExit() {
        long start = System.nanoTime();
        docker.run("stop", "--time", "10", container.name());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "docker stop took " + took);
        String exitCode = container.inspect("{{.State.ExitCode}}");
        // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited as the signal asks.
        assertTrue(List.of("0", "143").contains(exitCode), "exit code " + exitCode);
        String logs = container.logs();
        assertTrue(logs.contains("Shutdown finished"), "Helidon logged its shutdown: " + logs);
        System.out.printf("%s: docker stop took %d ms, exit code %s%n", image, took.toMillis(), exitCode);
    }
}
