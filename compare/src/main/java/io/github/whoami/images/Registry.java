package io.github.whoami.images;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The registry the comparison pushes every image to, to measure what distributing it costs: the bytes
 * the registry stores (its compressed blobs, from the pushed manifest), the bytes a node that has the
 * previous version pulls after a source edit, and a cold pull's time into an empty image store (skopeo).
 * Named {@code HOST[:PORT]/PREFIX} (option {@code registry}, {@code -Dcompare.registry}).
 */
final class Registry {

    static final String DEFAULT = RegistryAddress.DEFAULT;
    private static final List<String> MANIFEST_TYPES = List.of(
            "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.index.v1+json");

    private final RegistryAddress address;
    private final String host;
    private final Engine docker;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    /** The local tags {@link #push} made and nothing has removed yet. */
    private final Set<String> tagged = new LinkedHashSet<>();

    private Registry(RegistryAddress address, Engine docker) {
        this.address = address;
        this.host = address.host();
        this.docker = docker;
    }

    /** One blob of an image in the registry: its digest and its size as stored (compressed). */
    record Blob(String digest, long size) {
    }

    /** An image as the registry holds it: its config and its layers, as the manifest lists them. */
    record Manifest(List<Blob> blobs) {

        long bytes() {
            return blobs.stream().mapToLong(Blob::size).sum();
        }

        /** The bytes of this image's blobs that {@code previous} does not have: what a node holding it pulls. */
        long bytesNotIn(Manifest previous) {
            Set<String> had = new HashSet<>();
            previous.blobs.forEach(blob -> had.add(blob.digest()));
            return blobs.stream().filter(blob -> !had.contains(blob.digest())).mapToLong(Blob::size).sum();
        }
    }

    /**
     * The registry at {@code HOST[:PORT]/PREFIX}, once one answers there ({@link RegistryAddress#check}).
     *
     * @throws IllegalArgumentException for a malformed value, or no registry answering, in one sentence
     *                                  that says what to do
     */
    static Registry at(String value, Engine docker) {
        return new Registry(RegistryAddress.check("compare.registry", value), docker);
    }

    /** {@code HOST[:PORT]/PREFIX}, as given. */
    String name() {
        return address.name();
    }

    /** The reference an image gets in the registry: {@code HOST[:PORT]/PREFIX/REPOSITORY:TAG}. */
    String reference(String repository, String tag) {
        return name() + "/" + repository + ":" + tag;
    }

    /**
     * Tags {@code image} as {@code reference} and pushes it.
     *
     * @throws IllegalStateException when the registry refuses it: docker's reason, and what to do, in one sentence
     */
    void push(String image, String reference) {
        docker.run("tag", image, reference);
        tagged.add(reference);
        System.out.println("==> docker push " + reference);
        Engine.Result result = docker.exec(Duration.ofMinutes(15), "push", reference);
        if (result.exitCode() != 0) {
            untag(List.of(reference));
            // docker's reason is its last line on stderr ("no basic auth credentials", "denied: ..."); its
            // progress goes to stdout.
            String reason = lastLine(result.stderr()).or(() -> lastLine(result.stdout())).orElse("exit code " + result.exitCode());
            throw new IllegalStateException("docker push " + reference + " was refused (" + reason.replaceAll("\\.$", "")
                    + "): log in to it (docker login " + host + "), let the engine reach it over plain HTTP (its "
                    + "insecure-registries), or name another with -Dcompare.registry=HOST:PORT/PREFIX.");
        }
    }

    private static Optional<String> lastLine(String output) {
        return output.lines().map(String::strip).filter(line -> !line.isEmpty()).reduce((first, second) -> second);
    }

    /**
     * The manifest of {@code reference} (pushed by {@link #push}) from the registry's HTTP API; for an image
     * index, the manifest of its first image that is not an attestation. A registry that wants a login
     * (401) is read with skopeo, which uses docker's credentials.
     */
    Manifest manifest(String reference) throws IOException, InterruptedException {
        String repository = reference.substring(host.length() + 1, reference.lastIndexOf(':'));
        JsonObject manifest = read(repository, reference.substring(reference.lastIndexOf(':') + 1));
        if (manifest.containsKey("manifests")) {
            JsonObject image = manifest.getJsonArray("manifests").stream().map(JsonValue::asJsonObject)
                    .filter(entry -> !entry.containsKey("platform")
                            || !"unknown".equals(entry.getJsonObject("platform").getString("os", "")))
                    .findFirst().orElseThrow(() -> new IllegalStateException(reference + " is an index of no image"));
            manifest = read(repository, image.getString("digest"));
        }
        List<Blob> blobs = new ArrayList<>();
        blobs.add(blob(manifest.getJsonObject("config")));
        manifest.getJsonArray("layers").stream().map(JsonValue::asJsonObject).map(Registry::blob).forEach(blobs::add);
        return new Manifest(blobs);
    }

    private static Blob blob(JsonObject descriptor) {
        return new Blob(descriptor.getString("digest"), descriptor.getJsonNumber("size").longValueExact());
    }

    private JsonObject read(String repository, String tagOrDigest) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(address.scheme() + "://" + host + "/v2/" + repository + "/manifests/" + tagOrDigest))
                .header("Accept", String.join(", ", MANIFEST_TYPES)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        String body;
        if (response.statusCode() == 401) {
            body = skopeo(Duration.ofMinutes(1), "inspect", "--raw", tlsVerify("--tls-verify"),
                    "docker://" + host + "/" + repository + (tagOrDigest.startsWith("sha256:") ? "@" : ":") + tagOrDigest);
        } else if (response.statusCode() != 200) {
            throw new IOException("GET " + response.uri() + " answered HTTP " + response.statusCode());
        } else {
            body = response.body();
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /**
     * Pulls {@code reference} into an empty OCI layout, as a node with nothing cached would: every blob
     * downloaded and its digest checked (skopeo copy; layers stay compressed, nothing is unpacked). The
     * layout is deleted afterwards.
     *
     * @return the wall time in milliseconds
     */
    long coldPull(String reference) throws IOException, InterruptedException {
        Path store = Files.createTempDirectory("whoami-cold-pull-");
        try {
            long start = System.nanoTime();
            skopeo(Duration.ofMinutes(15), "copy", "--quiet", tlsVerify("--src-tls-verify"), "docker://" + reference,
                    "oci:" + store + ":v1");
            return Duration.ofNanos(System.nanoTime() - start).toMillis();
        } finally {
            try (Stream<Path> walk = Files.walk(store)) {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** skopeo's flag for TLS: off where the registry answers plain HTTP only. */
    private String tlsVerify(String flag) {
        return flag + "=" + address.scheme().equals("https");
    }

    /** Fails, saying what to do, when skopeo (the cold pull) is not installed. */
    static void requireSkopeo() throws InterruptedException {
        try {
            new ProcessBuilder("skopeo", "--version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("skopeo, which times the cold pull from the registry, is not installed: "
                    + "run ci/tools.sh (or install skopeo), then run again.");
        }
    }

    private static String skopeo(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("skopeo"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("whoami-skopeo-", ".out");
        Path errors = Files.createTempFile("whoami-skopeo-", ".err");
        try {
            Process skopeo = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            skopeo.getOutputStream().close();
            if (!skopeo.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                skopeo.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
            }
            if (skopeo.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited " + skopeo.exitValue() + ": "
                        + Files.readString(errors).strip());
            }
            return Files.readString(output);
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    /** Removes local tags {@link #push} made; the registry keeps what it stored. */
    void untag(Collection<String> references) {
        List<String> remaining = references.stream().filter(tagged::remove).toList();
        if (!remaining.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("image", "rm"));
            args.addAll(remaining);
            docker.exec(Duration.ofSeconds(60), args.toArray(String[]::new));
        }
    }

    /** Removes every local tag {@link #push} made and {@link #untag} has not removed yet. */
    void untagAll() {
        untag(List.copyOf(tagged));
    }
}
