package io.github.whoami.images;

import java.io.IOException;
import java.io.InputStream;
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
 * The docker CLI as the comparison drives it. Not the container tests' helper, whose failures are test
 * assertions: a docker command that fails here ends with an {@link EngineFailure}, one sentence with the
 * command and docker's own message, and {@link Comparison} adds the step and the variant.
 */
final class Engine {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** A process's pipes close when it ends, unless a child it left behind holds them: that wait has a limit too. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TAR_TIMEOUT = Duration.ofMinutes(2);

    private final String executable;

    /** A docker command that failed, did not end in time, or could not start: said in one sentence. */
    static final class EngineFailure extends IllegalStateException {
        EngineFailure(String sentence) {
            super(sentence);
        }
    }

    /** What a finished docker command printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    Engine(String executable) {
        this.executable = executable;
    }

    String executable() {
        return executable;
    }

    /**
     * Runs {@code docker args...} within a minute; what it printed, stripped.
     *
     * @throws EngineFailure when it exits non-zero, with docker's message
     */
    String run(String... args) {
        Result result = exec(DEFAULT_TIMEOUT, args);
        if (result.exitCode() != 0) {
            throw new EngineFailure("docker " + String.join(" ", args) + " exited " + result.exitCode() + ": "
                    + lastLine(result.stderr()));
        }
        return result.stdout().strip();
    }

    /**
     * Runs {@code docker args...} and returns what happened, whatever it returned.
     *
     * @throws EngineFailure when docker cannot be started or does not end within {@code timeout}
     */
    Result exec(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(executable));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Builds need BuildKit for their cache mounts; Docker 23+ uses it anyway, older clients need asking.
        builder.environment().put("DOCKER_BUILDKIT", "1");
        // No provenance attestation (buildx adds one by default): it would make every build's image differ.
        builder.environment().put("BUILDX_NO_DEFAULT_ATTESTATIONS", "1");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<byte[]> stdout = drain(process.getInputStream());
            CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new EngineFailure(String.join(" ", command) + " did not end within " + timeout.toSeconds() + " s.");
            }
            return new Result(process.exitValue(), new String(drained(stdout), StandardCharsets.UTF_8),
                    new String(drained(stderr), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EngineFailure("cannot run " + executable + " (" + e.getMessage() + "): install the docker CLI "
                    + "or name it with -Ddocker.executable=PATH.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineFailure(String.join(" ", command) + " was interrupted.");
        }
    }

    /**
     * The RSS in KiB of the container's largest process, its server (a health probe's JVM may run beside it),
     * from {@code docker top}, which asks the host's ps: no ps needed in the image; -1 when it lists none.
     */
    long largestRssKib(String container) {
        return run("top", container, "-o", "pid,rss").lines().skip(1).map(line -> line.strip().split("\\s+")[1])
                .mapToLong(Long::parseLong).max().orElse(-1);
    }

    /**
     * Every path in the image's file system as {@code tar -tv --numeric-owner} prints it (mode, uid/gid, size,
     * date, path and link target), from {@code docker export}: no shell needed in the image.
     */
    List<String> listFilesVerbose(String image) throws IOException, InterruptedException {
        String container = run("create", image);
        Path archive = Files.createTempFile("whoami-image-", ".tar");
        try {
            run("export", "--output", archive.toString(), container);
            Process tar = new ProcessBuilder("tar", "--numeric-owner", "-tvf", archive.toString()).start();
            tar.getOutputStream().close();
            CompletableFuture<byte[]> out = drain(tar.getInputStream());
            CompletableFuture<byte[]> err = drain(tar.getErrorStream());
            if (!tar.waitFor(TAR_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                tar.destroyForcibly();
                throw new EngineFailure("tar did not list the export of " + image + " within " + TAR_TIMEOUT.toSeconds()
                        + " s.");
            }
            if (tar.exitValue() != 0) {
                throw new EngineFailure("tar could not list the export of " + image + ": "
                        + lastLine(new String(drained(err), StandardCharsets.UTF_8)));
            }
            return new String(drained(out), StandardCharsets.UTF_8).lines().toList();
        } finally {
            exec(DEFAULT_TIMEOUT, "rm", "--force", container);
            Files.deleteIfExists(archive);
        }
    }

    /** Docker's message: the last line it wrote, without its end stop (the sentence around it has one). */
    static String lastLine(String output) {
        List<String> lines = output.strip().lines().toList();
        return lines.isEmpty() ? "no message" : lines.getLast().strip().replaceAll("\\.$", "");
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

    /** What {@link #drain} read, once its process has ended. */
    static byte[] drained(CompletableFuture<byte[]> bytes) throws InterruptedException {
        try {
            return bytes.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new EngineFailure("reading a process's output failed: " + e.getCause().getMessage() + ".");
        } catch (TimeoutException e) {
            throw new EngineFailure("a process's output was still open " + DRAIN_TIMEOUT.toSeconds()
                    + " s after it ended.");
        }
    }
}
