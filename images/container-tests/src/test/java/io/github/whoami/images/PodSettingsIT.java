package io.github.whoami.images;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image under exactly the settings of its Kubernetes pod, as {@code kubectl kustomize
 * images/<variant>/kubernetes} renders them (read from that YAML by {@link RenderedPod}, not
 * restated here): its UID and group, a read-only root with the pod's emptyDir mounts as tmpfs, the
 * capabilities it drops, no privilege gain, the runtime's default seccomp profile, its memory and CPU
 * limits. Its probes are then called as a kubelet calls them, on the declared paths and ports at the
 * declared timing, until it is ready; finally it gets SIGTERM with a request in flight and must exit
 * within the declared grace period, before the kubelet's SIGKILL would come.
 *
 * <p>This machine has no cluster: the container runs on the engine, with host networking, so it listens
 * on a free port (SERVER_PORT) that stands for the pod's declared container port, which must be the
 * image's own (EXPOSE), where the server listens by default.
 */
class PodSettingsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Docker docker = ImageUnderTest.docker();
    private final String image = ImageUnderTest.image();
    private final Variant variant = ImageUnderTest.variant();
    private final RenderedPod pod = RenderedPod.render(Path.of(System.getProperty("maven.multiModuleProjectDirectory")),
            variant.name());

    @Test
    void runsUnderItsPodsSettingsBecomesReadyByItsProbesAndExitsWithinItsGracePeriod() throws Exception {
        assertEquals("whoami:" + variant.name(), pod.image(), pod.source() + " names this variant's image");
        assertEquals(List.of(), pod.fieldsNotStoodInFor(), pod.source() + ": fields this test does not run the image with");
        List<RenderedPod.Probe> probes = List.of(pod.probe("startupProbe"), pod.probe("readinessProbe"),
                pod.probe("livenessProbe"));
        int declaredPort = pod.port("http");
        assertEquals("{\"" + declaredPort + "/tcp\":{}}",
                docker.run("image", "inspect", "--format", "{{json .Config.ExposedPorts}}", image),
                "the pod's container port is the one the image exposes and the server listens on by default");
        probes.forEach(probe -> assertEquals(declaredPort, probe.port(), probe.kind() + " asks the server's port"));

        String name = "whoami-pod-" + UUID.randomUUID().toString().substring(0, 8);
        int port = Container.freePort();
        List<String> run = new ArrayList<>(List.of("run", "--detach", "--network", "host", "--hostname", name,
                "--name", name, "--env", "SERVER_PORT=" + port));
        run.addAll(podOptions());
        run.add(image);
        long started = System.nanoTime();
        docker.run(run.toArray(String[]::new));
        try {
            assertThePodsSettingsHold(name);
            for (RenderedPod.Probe probe : probes) {
                int calls = untilItPasses(probe, port, name);
                System.out.printf("%s: %s %s passed on call %d, %d ms after docker run%n", image, probe.kind(),
                        probe.path(), calls, Duration.ofNanos(System.nanoTime() - started).toMillis());
            }
            HttpResponse<String> whoami = get(port, "/whoami");
            assertEquals(200, whoami.statusCode());
            assertEquals(name, whoami.body());
            String logs = logs(name);
            assertFalse(logs.matches("(?s).*(WARNING|Warning:|Exception).*"), logs);
            stopWithARequestInFlight(name, port);
        } finally {
            docker.exec(Duration.ofSeconds(30), "rm", "--force", name);
        }
    }

    /** docker run's options for the pod's settings, each from the rendered YAML. */
    private List<String> podOptions() throws Exception {
        List<String> options = new ArrayList<>();
        assertTrue(pod.runAsNonRoot(), pod.source() + ": runAsNonRoot");
        long uid = pod.runAsUser();
        assertTrue(uid > 0, pod.source() + ": runAsUser " + uid + " is not root");
        options.addAll(List.of("--user", pod.runAsGroup() < 0 ? String.valueOf(uid) : uid + ":" + pod.runAsGroup()));
        assertTrue(pod.readOnlyRootFilesystem(), pod.source() + ": readOnlyRootFilesystem");
        options.add("--read-only");
        pod.emptyDirMounts().forEach((path, size) ->
                options.addAll(List.of("--tmpfs", size < 0 ? path : path + ":size=" + size)));
        pod.capabilities("drop").forEach(capability -> options.addAll(List.of("--cap-drop", capability)));
        pod.capabilities("add").forEach(capability -> options.addAll(List.of("--cap-add", capability)));
        if (!pod.allowPrivilegeEscalation()) {
            options.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        // RuntimeDefault is the engine's own profile, which docker run applies unless told otherwise.
        assertEquals("RuntimeDefault", pod.seccompProfile(), pod.source() + ": seccompProfile");
        assertTrue(docker.run("info", "--format", "{{json .SecurityOptions}}").contains("name=seccomp"),
                "the engine applies a seccomp profile to its containers");
        options.addAll(List.of("--memory", String.valueOf(pod.memoryLimitBytes())));
        options.addAll(List.of("--cpus", String.format(Locale.ROOT, "%.3f", pod.cpuLimit())));
        pod.env().forEach((key, value) -> options.addAll(List.of("--env", key + "=" + value)));
        return options;
    }

    /** What the engine made of those options, and the processes' UID, as the running container shows them. */
    private void assertThePodsSettingsHold(String name) {
        String inspected = docker.run("inspect", "--format", "{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Memory}} "
                + "{{.HostConfig.NanoCpus}} {{json .HostConfig.CapDrop}} {{json .HostConfig.SecurityOpt}} "
                + "{{json .HostConfig.Tmpfs}}", name);
        String expected = String.format(Locale.ROOT, "true %d %d", pod.memoryLimitBytes(), Math.round(pod.cpuLimit() * 1e9));
        assertTrue(inspected.startsWith(expected), "expected " + expected + " ..., docker inspect: " + inspected);
        pod.capabilities("drop").forEach(capability -> assertTrue(inspected.contains("\"" + capability + "\""), inspected));
        assertEquals(!pod.allowPrivilegeEscalation(), inspected.contains("no-new-privileges"), inspected);
        assertFalse(inspected.contains("unconfined"), inspected);
        pod.emptyDirMounts().keySet().forEach(path -> assertTrue(inspected.contains("\"" + path + "\""), inspected));
        assertEquals(List.of(String.valueOf(pod.runAsUser())), docker.top(name, "uid").stream().distinct().toList(),
                "every process of the container runs as the pod's runAsUser");
    }

    /**
     * Calls the probe as a kubelet does: after its initial delay, every period, each call with its
     * timeout, until one passes (200 to 399). Fails once the failure threshold is reached: the kubelet
     * would restart the container (startup, liveness) or keep it out of the Service (readiness).
     */
    private int untilItPasses(RenderedPod.Probe probe, int port, String name) throws Exception {
        Thread.sleep(probe.initialDelay());
        List<String> failures = new ArrayList<>();
        while (failures.size() < probe.failureThreshold()) {
            long call = System.nanoTime();
            String outcome = call(probe, port);
            if (outcome.isEmpty()) {
                return failures.size() + 1;
            }
            failures.add(outcome);
            long next = call + probe.period().toNanos();
            Thread.sleep(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
        }
        throw new AssertionError(image + ": " + probe.kind() + " " + probe.path() + " failed " + failures.size()
                + " times, every " + probe.period().toSeconds() + " s: " + failures + "; log: " + logs(name));
    }

    /** One probe call, as the kubelet's: a new connection, its timeout; empty if it passed, else what went wrong. */
    private static String call(RenderedPod.Probe probe, int port) throws InterruptedException {
        byte[] request = ("GET " + probe.path() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUser-Agent: kube-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            RawHttp.Exchange exchange = RawHttp.exchange(port, request, Duration.ZERO, probe.timeout());
            return exchange.status() >= 200 && exchange.status() < 400 ? "" : exchange.summary();
        } catch (IOException e) {
            return e.getClass().getSimpleName(); // not listening yet
        }
    }

    /** SIGTERM with a 2 s request in flight; the kubelet's SIGKILL would follow after the grace period. */
    private void stopWithARequestInFlight(String name, int port) throws Exception {
        Duration grace = pod.terminationGracePeriod();
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return get(port, "/whoami?wait=2s");
            } catch (IOException | InterruptedException e) {
                throw new AssertionError("the request in flight failed; log: " + logs(name), e);
            }
        }, r -> Thread.ofVirtual().start(r));
        Thread.sleep(500);
        long start = System.nanoTime();
        docker.run("stop", "--time", String.valueOf(grace.toSeconds()), name);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(200, inFlight.get(grace.toSeconds() + 5, TimeUnit.SECONDS).statusCode(),
                "the request in flight when SIGTERM came");
        String exit = docker.run("inspect", "--format", "{{.State.ExitCode}} {{.State.OOMKilled}}", name);
        assertTrue(List.of("0 false", "143 false").contains(exit), "exit code and OOM kill: " + exit + "; log: " + logs(name));
        assertTrue(took.compareTo(grace) < 0, "the container took " + took.toMillis() + " ms to exit, past its "
                + grace.toSeconds() + " s grace period: the kubelet would have killed it");
        assertTrue(logs(name).contains("Shutdown finished"), logs(name));
        System.out.printf("%s: exited %d ms after SIGTERM, with a 2 s request in flight (grace period %d s)%n",
                image, took.toMillis(), grace.toSeconds());
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String logs(String name) {
        Docker.Result logs = docker.exec(Duration.ofSeconds(30), "logs", name);
        return logs.stdout() + logs.stderr();
    }
}
