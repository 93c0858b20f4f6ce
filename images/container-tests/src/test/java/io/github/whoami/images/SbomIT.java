package io.github.whoami.images;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CycloneDX SBOM every image ships (docs/sbom.md), read as a scanner reads it: the label names its
 * path, and the file comes out of {@code docker export}, so no shell is needed inside (scratch has none).
 * What it lists must be exactly what the image runs: the app as its main component, every jar of libs/
 * with its version, and, where jlink linked the runtime, that runtime with its vendor, version and modules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SbomIT {

    /** The one path every image keeps its SBOM at, next to libs/, and the label that names it. */
    private static final String SBOM_PATH = "/app/sbom.cdx.json";
    private static final String SBOM_LABEL = "io.github.whoami.sbom";
    /** The app's jar: /app/whoami-app.jar, target/whoami-app.jar in traditional, or among Jib's libs/. */
    private static final String APP_JAR = "whoami-app.jar";
    /** A jar of the app's libs/ folder: /app/libs/, or traditional's /app/whoami-app/target/libs/. */
    private static final Pattern LIB = Pattern.compile("app/(?:.+/)?libs/([^/]+\\.jar)");
    private static final Pattern SETTING = Pattern.compile(" {4}(\\S+) = (.*)");

    private final Docker docker = ImageUnderTest.docker();
    private final String image = ImageUnderTest.image();
    private final Variant variant = ImageUnderTest.variant();

    /** Every path in the image, listed once. */
    private List<String> files;
    private JsonObject sbom;

    @BeforeAll
    void readTheSbomOutOfTheImage() {
        files = docker.listFiles(image);
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(docker.readFile(image, SBOM_PATH)))) {
            sbom = reader.readObject();
        }
    }

    @Test
    void aLabelNamesTheSbomsOnePath() {
        assertEquals(SBOM_PATH, docker.run("inspect", "--format", "{{index .Config.Labels \"" + SBOM_LABEL + "\"}}", image),
                "the label " + SBOM_LABEL);
        assertTrue(files.contains(SBOM_PATH.substring(1)), SBOM_PATH + " in " + image);
    }

    @Test
    void theSbomIsCycloneDxWithNoRandomSerialNumberAndNoBuildTime() {
        assertEquals("CycloneDX", sbom.getString("bomFormat"));
        assertEquals("1.6", sbom.getString("specVersion"));
        // Either would change with every build, and the reproducible images with it.
        assertFalse(sbom.containsKey("serialNumber"), "a random serial number");
        assertFalse(sbom.getJsonObject("metadata").containsKey("timestamp"), "the build's time");
    }

    @Test
    void itsMainComponentIsTheAppWhoseOneJarTheImageRuns() {
        JsonObject app = sbom.getJsonObject("metadata").getJsonObject("component");
        assertEquals("io.github.whoami", app.getString("group"));
        assertEquals("whoami-app", app.getString("name"));
        assertEquals(System.getProperty("image.version"), app.getString("version"), "the project's version");
        // The app's jar is described by the main component, not listed as a component of its own.
        List<String> appJars = files.stream().filter(path -> path.startsWith("app/") && path.endsWith("/" + APP_JAR)).toList();
        assertEquals(1, appJars.size(), "one app jar in " + image + ": " + appJars);
        assertTrue(mavenComponents().stream().noneMatch(component -> component.getString("name").equals("whoami-app")),
                "the app among its own components");
    }

    @Test
    void itsMavenComponentsAreExactlyTheJarsOfLibsWithTheirVersions() {
        List<String> folders = files.stream().filter(path -> LIB.matcher(path).matches())
                .map(path -> path.substring(0, path.lastIndexOf('/'))).distinct().toList();
        assertEquals(1, folders.size(), "one libs/ folder in " + image + ": " + folders);
        // As maven-dependency-plugin and Jib name them: artifactId-version.jar. Jib puts the app's jar there too.
        List<String> jars = files.stream().map(LIB::matcher).filter(Matcher::matches).map(lib -> lib.group(1))
                .filter(jar -> !jar.equals(APP_JAR)).sorted().toList();
        List<String> listed = mavenComponents().stream().map(component -> {
            String name = component.getString("name");
            String version = component.getString("version");
            assertEquals("pkg:maven/" + component.getString("group") + "/" + name + "@" + version + "?type=jar",
                    component.getString("purl"), "the purl names the same jar");
            return name + "-" + version + ".jar";
        }).sorted().toList();
        assertFalse(jars.isEmpty(), "no jars in " + folders.getFirst());
        assertEquals(jars, listed, "the SBOM's Maven components against /" + folders.getFirst());
        System.out.printf("%s: %s lists the %d jars of /%s%n", image, SBOM_PATH, listed.size(), folders.getFirst());
    }

    @Test
    void aLinkedRuntimeIsAComponentWithTheVendorVersionAndModulesTheImageRuns() throws IOException {
        List<JsonObject> others = components().stream().filter(component -> !isMaven(component)).toList();
        if (variant.runtimeModules().isEmpty()) {
            // A JRE or JDK from the base image: the base's own SBOM is its maker's to give.
            assertEquals(List.of(), others, "components besides the jars, in " + image);
            return;
        }
        assertEquals(1, others.size(), "one component besides the jars, the runtime: " + others);
        JsonObject runtime = others.getFirst();
        assertEquals("platform", runtime.getString("type"));
        List<String> modules = runtime.getJsonArray("components").getValuesAs(JsonObject.class).stream()
                .map(module -> module.getString("name")).sorted().toList();
        assertEquals(variant.runtimeModules(), modules, "the linked modules, as the pom's image.runtime.modules says");

        // What the image's own java says of itself, and its release file.
        Map<String, String> java = javaSettings();
        assertEquals(java.get("java.vendor"), runtime.getJsonObject("supplier").getString("name"), "the vendor");
        assertEquals(java.get("java.runtime.version"), runtime.getString("version"), "the runtime's version");
        assertTrue(runtime.getJsonArray("components").getValuesAs(JsonObject.class).stream()
                .allMatch(module -> module.getString("version").equals(java.get("java.version"))), "each module's version");
        Properties release = new Properties();
        release.load(new StringReader(new String(docker.readFile(image, java.get("java.home") + "/release"), StandardCharsets.UTF_8)));
        assertEquals('"' + java.get("java.vendor") + '"', release.getProperty("IMPLEMENTOR"), "the release file's vendor");
        assertEquals(variant.runtimeModules(), Arrays.stream(release.getProperty("MODULES").replace("\"", "").split(" "))
                .sorted().toList(), "the release file's modules");
        System.out.printf("%s: the SBOM's runtime is %s %s with %s%n", image, java.get("java.vendor"),
                java.get("java.runtime.version"), modules);
    }

    /** The system properties of the image's java, as -XshowSettings:properties prints them (one-line ones). */
    private Map<String, String> javaSettings() {
        Docker.Result result = docker.exec(Duration.ofSeconds(60), "run", "--rm", "--network", "none",
                "--entrypoint", "java", image, "-XshowSettings:properties", "-version");
        assertEquals(0, result.exitCode(), result.stderr());
        Map<String, String> settings = new HashMap<>();
        result.stderr().lines().map(SETTING::matcher).filter(Matcher::matches)
                .forEach(setting -> settings.put(setting.group(1), setting.group(2)));
        for (String key : List.of("java.vendor", "java.runtime.version", "java.version", "java.home")) {
            assertTrue(settings.containsKey(key), key + " in " + result.stderr());
        }
        return settings;
    }

    private List<JsonObject> components() {
        return sbom.getJsonArray("components").getValuesAs(JsonObject.class);
    }

    private List<JsonObject> mavenComponents() {
        return components().stream().filter(SbomIT::isMaven).toList();
    }

    private static boolean isMaven(JsonObject component) {
        return component.getString("purl", "").startsWith("pkg:maven/");
    }
}
