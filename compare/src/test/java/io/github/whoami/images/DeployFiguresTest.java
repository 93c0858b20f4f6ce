package io.github.whoami.images;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The figures of the deployments (deploy/kubernetes, compose.yaml) are tied to where they come from: the
 * committed comparison report (docs/comparison/report.json and its caption in report.md), the server's
 * configuration and docs/production.md. Changing one side alone fails here. No Docker and no kubectl
 * needed: the base's YAML is read as written (PodSettingsIT runs the rendered pod).
 */
class DeployFiguresTest {

    private static final Path ROOT = Path.of("..");
    private static final Path DEPLOYMENT = ROOT.resolve("deploy/kubernetes/base/deployment.yaml");
    private static final long MEMORY_LIMIT_BYTES = 128L << 20;

    private static List<JsonObject> measured;
    private static Map<String, Object> pod;
    private static Map<String, Object> container;
    private static Map<String, Object> composeReplica;

    @BeforeAll
    static void readTheReportAndTheDeployments() throws IOException {
        JsonObject report = Json.createReader(new StringReader(
                Files.readString(ROOT.resolve("docs/comparison/report.json")))).readObject();
        String baseline = report.getJsonObject("meta").getString("baseline");
        measured = report.getJsonArray("variants").stream().map(JsonValue::asJsonObject)
                .filter(variant -> !variant.getString("variant").equals(baseline)).toList();
        Map<String, Object> deployment = new Yaml().load(Files.readString(DEPLOYMENT));
        pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
        container = map(((List<?>) pod.get("containers")).get(0));
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("compose.yaml")));
        composeReplica = map(map(compose.get("services")).get("whoami-1"));
    }

    @Test
    void theDeploymentNamesTheReportItsFiguresComeFrom() throws IOException {
        assertTrue(Files.readString(DEPLOYMENT).contains("docs/comparison/report.json"), DEPLOYMENT.toString());
    }

    @Test
    void memoryAndCpuAreTheLimitsTheReportMeasuredEveryVariantUnderAndHoldItsRssAfterLoad() throws IOException {
        assertTrue(Files.readString(ROOT.resolve("docs/comparison/report.md")).contains("limited to 1 CPU and 128 MB"),
                "the report's load ran under --cpus 1 --memory 128m (its caption says so)");
        Map<String, Object> resources = map(container.get("resources"));
        for (String kind : List.of("requests", "limits")) {
            assertEquals("128Mi", map(resources.get(kind)).get("memory"), kind + ".memory");
            assertEquals("1", map(resources.get(kind)).get("cpu"), kind + ".cpu");
        }
        assertFalse(measured.isEmpty(), "report.json measures the variants");
        for (JsonObject variant : measured) {
            String name = variant.getString("variant");
            assertTrue(number(variant, "rssAfterLoadKiB").longValue() * 1024 < MEMORY_LIMIT_BYTES,
                    name + "'s RSS after load fits the memory limit");
            assertFalse(variant.getBoolean("oomKilled"), name + " was not OOM-killed under the limit");
            assertEquals(0, number(variant, "errors").longValue(), name + " answered every request under the limit");
        }
    }

    @Test
    void theStartupProbeWaitsTenTimesTheSlowestMeasuredStart() {
        long slowest = measured.stream().flatMap(variant -> variant.getJsonArray("startupMillis")
                .getValuesAs(JsonNumber.class).stream()).mapToLong(JsonNumber::longValue).max().orElseThrow();
        Map<String, Object> startup = map(container.get("startupProbe"));
        long window = 1000L * ((Number) startup.get("periodSeconds")).intValue()
                * ((Number) startup.get("failureThreshold")).intValue();
        assertTrue(window >= 10 * slowest, "startup probe window " + window + " ms, slowest start " + slowest + " ms");
        assertEquals(1, startup.get("periodSeconds"), "probed every second: ready within a second of starting");
    }

    @Test
    void theProbesAskTheServersHealthEndpoints() {
        assertEquals("/observe/health/started", map(map(container.get("startupProbe")).get("httpGet")).get("path"));
        assertEquals("/observe/health/ready", map(map(container.get("readinessProbe")).get("httpGet")).get("path"));
        assertEquals("/observe/health/live", map(map(container.get("livenessProbe")).get("httpGet")).get("path"));
    }

    @Test
    void theGracePeriodHoldsTheServersOwnAndTheJvmsExit() throws IOException {
        Properties server = new Properties();
        server.load(new StringReader(Files.readString(ROOT.resolve("whoami-app/src/main/resources/application.properties"))));
        Duration serverGrace = Duration.parse(server.getProperty("server.shutdown-grace-period"));
        int grace = ((Number) pod.get("terminationGracePeriodSeconds")).intValue();
        // SignalsIT: the container is gone within 5 s of SIGTERM, a request in flight included.
        assertTrue(grace >= serverGrace.toSeconds() + 5, "terminationGracePeriodSeconds " + grace
                + " holds server.shutdown-grace-period " + serverGrace + " and the JVM's exit");
        assertEquals(grace + "s", composeReplica.get("stop_grace_period"), "compose.yaml's stop_grace_period");
    }

    @Test
    void composeRunsEachReplicaAsThePodRunsIt() {
        Map<String, Object> podSecurity = map(pod.get("securityContext"));
        Map<String, Object> security = map(container.get("securityContext"));
        assertEquals(podSecurity.get("runAsUser") + ":" + podSecurity.get("runAsGroup"), composeReplica.get("user"));
        assertEquals(true, composeReplica.get("read_only"));
        assertEquals(map(security.get("capabilities")).get("drop"), composeReplica.get("cap_drop"));
        assertEquals(List.of("no-new-privileges:true"), composeReplica.get("security_opt"));
        assertEquals("128m", composeReplica.get("mem_limit"));
        assertEquals(1, composeReplica.get("cpus"));
        Map<String, Object> emptyDir = map(map(((List<?>) pod.get("volumes")).get(0)).get("emptyDir"));
        String size = emptyDir.get("sizeLimit").toString();
        assertTrue(size.endsWith("Mi"), size);
        assertEquals(List.of("/tmp:size=" + size.replace("Mi", "m")), composeReplica.get("tmpfs"));
    }

    @Test
    void eachVariantHasAnOverlayInItsFolderThatSetsOnlyItsImage() throws IOException {
        assertEquals(List.of("base"), names(ROOT.resolve("deploy/kubernetes")),
                "deploy/kubernetes/ holds the shared base alone: each variant's overlay is in its folder");
        for (String variant : VariantPoms.folders(ROOT)) {
            Path file = ROOT.resolve("images").resolve(variant).resolve("kubernetes/kustomization.yaml");
            assertTrue(Files.isRegularFile(file), "images/" + variant + "/ has no Kubernetes overlay: add "
                    + "images/" + variant + "/kubernetes/kustomization.yaml (docs/adding-a-variant.md)");
            Map<String, Object> overlay = new Yaml().load(Files.readString(file));
            assertEquals(Map.of("apiVersion", "kustomize.config.k8s.io/v1beta1", "kind", "Kustomization",
                    "resources", List.of("../../../deploy/kubernetes/base"),
                    "images", List.of(Map.of("name", "whoami", "newTag", variant))),
                    overlay, "images/" + variant + "/kubernetes/kustomization.yaml: the shared base, with only the image whoami:"
                            + variant);
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void composesNginxProxiesAsProductionMdRecommends() throws IOException {
        List<String> recommended = directives(location(Files.readString(ROOT.resolve("docs/production.md"))));
        List<String> composed = directives(location(Files.readString(ROOT.resolve("deploy/compose/nginx.conf"))));
        assertTrue(recommended.size() > 3, "production.md's nginx example: " + recommended);
        for (String directive : recommended) {
            if (!directive.startsWith("proxy_pass ")) {
                assertTrue(composed.contains(directive), "deploy/compose/nginx.conf lacks: " + directive);
            }
        }
    }

    private static String location(String text) {
        Matcher m = Pattern.compile("(?s)location / \\{(.*?)\\n\\s*}").matcher(text);
        assertTrue(m.find(), "a 'location / { ... }' block");
        return m.group(1);
    }

    private static List<String> directives(String block) {
        return block.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static JsonNumber number(JsonObject variant, String key) {
        assertTrue(variant.containsKey(key), "docs/comparison/report.json has no " + key + " for "
                + variant.getString("variant") + ": run the comparison and commit its report (docs/comparison.md)");
        return variant.getJsonNumber(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertTrue(value instanceof Map, "a mapping: " + value);
        return (Map<String, Object>) value;
    }
}
