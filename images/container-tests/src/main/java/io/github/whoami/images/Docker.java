package io.github.whoami.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The docker CLI, as a user drives it. Testcontainers would pull helper images (ryuk) that a machine
 * without a registry cannot have; the CLI needs nothing but the engine the images were built on.
 */
public final class Docker {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TAR_TIMEOUT = Duration.ofSeconds(120);

    private final String executable;

    public Docker(String executable) {
        this.executable = executable;
    }

    /** What a finished docker command printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String out() {
            return stdout.strip();
        }
    }

    /** Runs {@code docker args...}; fails the test if it exits non-zero. */
    public String run(String... args) {
        Result result = exec(DEFAULT_TIMEOUT, args);
        if (result.exitCode() != 0) {
            throw new AssertionError("docker " + String.join(" ", args) + " exited " + result.exitCode()
                    + ": " + result.stderr().strip());
        }
        return result.out();
    }

    /** Runs {@code docker args...} and returns what happened, whatever it returned. */
    public Result exec(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            // Builds need BuildKit for their cache mounts; Docker 23+ uses it anyway, older clients need asking.
            builder.environment().put("DOCKER_BUILDKIT", "1");
            // No provenance attestation (buildx adds one by default): it would make every build's image differ.
            builder.environment().put("BUILDX_NO_DEFAULT_ATTESTATIONS", "1");
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<byte[]> stdout = drain(process.getInputStream());
            CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(),
                    new String(drained(stdout), StandardCharsets.UTF_8),
                    new String(drained(stderr), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * What {@link #drain} read, once its process has ended: the pipe closes then, unless a child the
     * process left behind still holds it, so the wait has a limit too.
     */
    static byte[] drained(CompletableFuture<byte[]> bytes) throws InterruptedException {
        try {
            return bytes.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("reading a process's output failed",
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (TimeoutException e) {
            throw new AssertionError("a process's output was still open " + DRAIN_TIMEOUT + " after it ended");
        }
    }

    /** Reads a whole stream on a thread of its own, so that a chatty process never blocks on a full pipe. */
    static CompletableFuture<byte[]> drain(InputStream in) {
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (in) {
                bytes.complete(in.readAllBytes());
            } catch (IOException e) {
                bytes.completeExceptionally(e);
            }
        });
        return bytes;
    }

    /**
     * One {@code ps} column for every process in the container, from {@code docker top}: it asks the host's
     * ps, so it works on images with no ps, or no shell, of their own. The PID column comes along only
     * because docker top refuses a format without it.
     */
    public List<String> top(String container, String column) {
        return run("top", container, "-o", "pid," + column).lines().skip(1)
                .map(line -> line.strip().split("\\s+")[1])
                .toList();
    }

    /** RSS of the container's largest process, its server JVM (a health probe's JVM may run beside it). */
    public long largestRssKib(String container) {
        return top(container, "rss").stream().mapToLong(Long::parseLong).max().orElse(-1);
    }

    /** Lists every path in the image's file system, from {@code docker export}: no shell needed inside. */
    public List<String> listFiles(String image) {
        return tarListing(image, "-tf").stream()
                .map(name -> name.startsWith("./") ? name.substring(2) : name)
                .toList();
    }

    /** The same, as {@code tar -tv --numeric-owner} prints it: mode, uid/gid, size, date, path (and link target). */
    public List<String> listFilesVerbose(String image) {
        return tarListing(image, "--numeric-owner", "-tvf");
    }

    /**
     * One file of the image, read from {@code docker export} as {@link #listFiles} sees it: no shell, and
     * no cat, needed inside. The path is absolute, as the image's labels and ENTRYPOINT name it.
     */
    public byte[] readFile(String image, String path) {
        return exportThrough(image, List.of("-xOf"), List.of(path.replaceFirst("^/+", "")));
    }

    private List<String> tarListing(String image, String... tarFlags) {
        return new String(exportThrough(image, List.of(tarFlags), List.of()), StandardCharsets.UTF_8).lines().toList();
    }

    /** What {@code tar FLAGS ARCHIVE MEMBERS} prints for the export of a container created from the image. */
    private byte[] exportThrough(String image, List<String> tarFlags, List<String> members) {
        String container = run("create", image);
        Path archive = null;
        try {
            archive = Files.createTempFile("whoami-image-", ".tar");
            run("export", "--output", archive.toString(), container);
            List<String> command = new ArrayList<>(List.of("tar"));
            command.addAll(tarFlags);
            command.add(archive.toString());
            command.addAll(members);
            Process tar = new ProcessBuilder(command).start();
            tar.getOutputStream().close();
            CompletableFuture<byte[]> out = drain(tar.getInputStream());
            CompletableFuture<byte[]> err = drain(tar.getErrorStream());
            if (!tar.waitFor(TAR_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                tar.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + TAR_TIMEOUT
                        + " on the export of " + image);
            }
            if (tar.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed on the export of " + image + ": "
                        + new String(drained(err), StandardCharsets.UTF_8).strip());
            }
            return drained(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            exec(DEFAULT_TIMEOUT, "rm", "-f", container);
            if (archive != null) {
                archive.toFile().delete();
            }
        }
    }
}
