package io.github.whoami.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whoami pod of a variant's Kubernetes overlay, as {@code kubectl kustomize
 * images/<variant>/kubernetes} renders it: its one container and the settings a kubelet would
 * apply, read from the rendered YAML, with Kubernetes' defaults where a field is left out. A field a
 * test needs and the pod lacks fails that test, naming the field.
 */
final class RenderedPod {

    /** An httpGet probe, with Kubernetes' defaults for the timings left out (period 10 s, timeout 1 s, 3 failures). */
    record Probe(String kind, String path, int port, Duration initialDelay, Duration period, Duration timeout,
                 int failureThreshold) {
    }

    private static final Pattern QUANTITY = Pattern.compile("(\\d+(?:\\.\\d+)?)(Ki|Mi|Gi|k|M|G|m)?");

    private final String source;
    private final Map<String, Object> pod;
    private final Map<String, Object> container;

    private RenderedPod(String source, Map<String, Object> pod, Map<String, Object> container) {
        this.source = source;
        this.pod = pod;
        this.container = container;
    }

    /** Runs {@code kubectl kustomize} on the variant's overlay and takes the Deployment's pod. */
    static RenderedPod render(Path root, String variant) {
        Path overlay = root.resolve("images").resolve(variant).resolve("kubernetes");
        assertTrue(Files.isRegularFile(overlay.resolve("kustomization.yaml")),
                "images/" + variant + " has no Kubernetes overlay: add " + overlay + "/kustomization.yaml (docs/adding-a-variant.md)");
        Docker.Result rendered = kubectl("kustomize", overlay.toString());
        assertEquals(0, rendered.exitCode(), "kubectl kustomize " + overlay + ": " + rendered.stderr());
        List<Map<String, Object>> deployments = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(rendered.stdout())) {
            if (document instanceof Map<?, ?> object && "Deployment".equals(object.get("kind"))) {
                deployments.add(map(object, "a Deployment"));
            }
        }
        String source = "kubectl kustomize " + root.relativize(overlay);
        assertEquals(1, deployments.size(), source + " renders one Deployment");
        Map<String, Object> pod = map(path(deployments.get(0), "spec", "template", "spec"), source + ": spec.template.spec");
        List<?> containers = (List<?>) pod.get("containers");
        assertNotNull(containers, source + ": the pod has no containers");
        assertEquals(1, containers.size(), source + ": one container in the pod");
        return new RenderedPod(source, pod, map(containers.get(0), source + ": the container"));
    }

    /** Runs the real kubectl, as the README's deploy steps do; a machine without it fails, saying how to get it. */
    private static Docker.Result kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            CompletableFuture<byte[]> stdout = Docker.drain(process.getInputStream());
            CompletableFuture<byte[]> stderr = Docker.drain(process.getErrorStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
            }
            return new Docker.Result(process.exitValue(), new String(stdout.join(), StandardCharsets.UTF_8),
                    new String(stderr.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("kubectl is not installed, and the pod settings come from kubectl kustomize: "
                    + "install kubectl (as root on Debian or Ubuntu: ci/tools.sh) and re-run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Every field of the pod, its container and their security contexts that this class does not read
     * and the test does not stand in for, with its path: a field added to the manifests must be taken
     * into the test (or known to change nothing on the engine) before the test can say "exactly".
     */
    List<String> fieldsNotStoodInFor() {
        List<String> unknown = new ArrayList<>();
        // The token and the service variables: a container on the engine has neither anyway.
        unknownKeys(pod, "pod", List.of("containers", "securityContext", "volumes", "terminationGracePeriodSeconds",
                "automountServiceAccountToken", "enableServiceLinks"), unknown);
        unknownKeys(container, "container", List.of("name", "image", "ports", "securityContext", "resources",
                "startupProbe", "readinessProbe", "livenessProbe", "volumeMounts", "env"), unknown);
        List<String> identity = List.of("runAsNonRoot", "runAsUser", "runAsGroup", "seccompProfile");
        unknownKeys(path(pod, "securityContext"), "pod.securityContext", identity, unknown);
        List<String> own = new ArrayList<>(identity);
        own.addAll(List.of("allowPrivilegeEscalation", "readOnlyRootFilesystem", "capabilities"));
        unknownKeys(path(container, "securityContext"), "container.securityContext", own, unknown);
        return unknown;
    }

    private static void unknownKeys(Object object, String where, List<String> known, List<String> unknown) {
        if (object instanceof Map<?, ?> fields) {
            fields.keySet().stream().filter(key -> !known.contains(key)).forEach(key -> unknown.add(where + "." + key));
        }
    }

    String source() {
        return source;
    }

    String image() {
        return (String) require(container, "image");
    }

    /** The container's field, or else the pod's, of securityContext (the container's wins, as in Kubernetes). */
    private Object securityField(String field) {
        Object own = path(container, "securityContext", field);
        return own != null ? own : path(pod, "securityContext", field);
    }

    boolean runAsNonRoot() {
        return Boolean.TRUE.equals(securityField("runAsNonRoot"));
    }

    long runAsUser() {
        Object user = securityField("runAsUser");
        assertNotNull(user, source + ": no runAsUser (the test runs the image as that UID)");
        return ((Number) user).longValue();
    }

    /** The group, or -1 where the pod leaves it to the image. */
    long runAsGroup() {
        Object group = securityField("runAsGroup");
        return group == null ? -1 : ((Number) group).longValue();
    }

    /** seccompProfile.type, or empty where the pod sets none. */
    String seccompProfile() {
        Object type = securityField("seccompProfile") instanceof Map<?, ?> profile ? profile.get("type") : null;
        return type == null ? "" : type.toString();
    }

    boolean readOnlyRootFilesystem() {
        return Boolean.TRUE.equals(path(container, "securityContext", "readOnlyRootFilesystem"));
    }

    /** allowPrivilegeEscalation: Kubernetes' default is true. */
    boolean allowPrivilegeEscalation() {
        return !Boolean.FALSE.equals(path(container, "securityContext", "allowPrivilegeEscalation"));
    }

    List<String> capabilities(String dropOrAdd) {
        Object list = path(container, "securityContext", "capabilities", dropOrAdd);
        return list == null ? List.of() : ((List<?>) list).stream().map(Object::toString).toList();
    }

    long memoryLimitBytes() {
        return bytes(require(container, "resources", "limits", "memory").toString());
    }

    double cpuLimit() {
        String cpu = require(container, "resources", "limits", "cpu").toString();
        return cpu.endsWith("m") ? Long.parseLong(cpu.substring(0, cpu.length() - 1)) / 1000.0 : Double.parseDouble(cpu);
    }

    /**
     * Each volume mount with its emptyDir's size limit in bytes (-1: none): the mounts a read-only root
     * leaves writable. A mount of any other kind of volume fails: the test can stand in for emptyDir only.
     */
    Map<String, Long> emptyDirMounts() {
        Map<String, Long> mounts = new LinkedHashMap<>();
        Object declared = container.get("volumeMounts");
        for (Object entry : declared == null ? List.of() : (List<?>) declared) {
            Map<String, Object> mount = map(entry, "a volume mount");
            Object name = require(mount, "name");
            Map<String, Object> volume = ((List<?>) require(pod, "volumes")).stream().map(v -> map(v, "a volume"))
                    .filter(v -> name.equals(v.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError(source + ": no volume " + name + " for its mount"));
            assertTrue(volume.containsKey("emptyDir"), source + ": volume " + name + " is not an emptyDir");
            Object limit = path(volume, "emptyDir", "sizeLimit");
            mounts.put(require(mount, "mountPath").toString(), limit == null ? -1 : bytes(limit.toString()));
        }
        return mounts;
    }

    /** The container's environment, where it sets values directly. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        Object declared = container.get("env");
        for (Object entry : declared == null ? List.of() : (List<?>) declared) {
            Map<String, Object> variable = map(entry, "an env entry");
            env.put(require(variable, "name").toString(), Objects.toString(require(variable, "value")));
        }
        return env;
    }

    /** The probe of that kind (startupProbe, readinessProbe, livenessProbe), its named port resolved. */
    Probe probe(String kind) {
        Map<String, Object> probe = map(require(container, kind), kind);
        return new Probe(kind, require(probe, "httpGet", "path").toString(), port(require(probe, "httpGet", "port")),
                Duration.ofSeconds(number(probe, "initialDelaySeconds", 0)),
                Duration.ofSeconds(number(probe, "periodSeconds", 10)),
                Duration.ofSeconds(number(probe, "timeoutSeconds", 1)),
                number(probe, "failureThreshold", 3));
    }

    /** terminationGracePeriodSeconds: Kubernetes' default is 30. */
    Duration terminationGracePeriod() {
        return Duration.ofSeconds(number(pod, "terminationGracePeriodSeconds", 30));
    }

    /** A port by number, or by the name a containerPort gives it. */
    int port(Object port) {
        if (port instanceof Number number) {
            return number.intValue();
        }
        return ((List<?>) require(container, "ports")).stream().map(p -> map(p, "a port"))
                .filter(p -> port.equals(p.get("name"))).findFirst()
                .map(p -> ((Number) p.get("containerPort")).intValue())
                .orElseThrow(() -> new AssertionError(source + ": no container port named " + port));
    }

    private Object require(Map<String, Object> from, String... fields) {
        Object value = path(from, fields);
        assertNotNull(value, source + ": no " + String.join(".", fields));
        return value;
    }

    private static int number(Map<String, Object> from, String field, int kubernetesDefault) {
        Object value = from.get(field);
        return value == null ? kubernetesDefault : ((Number) value).intValue();
    }

    /** A Kubernetes memory quantity (128Mi, 1G, 134217728) in bytes. */
    static long bytes(String quantity) {
        Matcher m = QUANTITY.matcher(quantity);
        assertTrue(m.matches(), "not a memory quantity: " + quantity);
        double value = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2) == null ? "" : m.group(2)) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "" -> 1L;
            default -> throw new AssertionError("not a memory quantity: " + quantity);
        };
        return Math.round(value * unit);
    }

    private static Object path(Map<String, Object> from, String... fields) {
        Object current = from;
        for (String field : fields) {
            if (!(current instanceof Map<?, ?> object)) {
                return null;
            }
            current = object.get(field);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        assertTrue(value instanceof Map, what + " is not a mapping");
        return (Map<String, Object>) value;
    }
}
