package io.github.whoami.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, the HTTP load generator, run against a URL, and what its report says. Used by the container
 * tests (the load a hardened image must take) and by the comparison (throughput).
 *
 * @param output            wrk's report as printed
 * @param requestsPerSecond wrk's "Requests/sec", null if it printed none (it never got an answer)
 * @param socketErrors      connect, read, write and timeout errors together
 * @param non2xx            responses that were not 2xx or 3xx
 */
public record Wrk(String output, Double requestsPerSecond, long socketErrors, long non2xx) {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** How long past its duration a wrk run may take: its last requests' 5 s timeout, and its report. */
    private static final Duration OVERRUN = Duration.ofSeconds(30);

    /** Fails, saying what to do, when wrk is not installed. */
    public static void requireInstalled() throws InterruptedException {
        try {
            Process version = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            if (!version.waitFor(10, TimeUnit.SECONDS)) {
                version.destroyForcibly();
                throw new IllegalStateException("wrk --version did not answer within 10 s: check the wrk installed.");
            }
        } catch (IOException e) {
            throw notInstalled();
        }
    }

    private static IllegalStateException notInstalled() {
        return new IllegalStateException("wrk, the load generator, is not installed: run ci/tools.sh "
                + "(or install wrk), then run again.");
    }

    /**
     * Runs {@code wrk -t<threads> -c<connections> -d<seconds>s --timeout 5s url}.
     *
     * @throws IllegalStateException if wrk is not installed, with what to do about it
     */
    public static Wrk run(int threads, int connections, int seconds, String url) throws InterruptedException {
        Process wrk;
        try {
            wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                    "--timeout", "5s", url).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw notInstalled();
        }
        CompletableFuture<byte[]> report = Docker.drain(wrk.getInputStream());
        // wrk stops by itself after its run; one that hangs (a server that never lets go) is ended here.
        Duration limit = Duration.ofSeconds(seconds).plus(OVERRUN);
        if (!wrk.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            wrk.destroyForcibly();
            throw new IllegalStateException("wrk against " + url + " did not end within " + limit);
        }
        return parse(new String(Docker.drained(report), StandardCharsets.UTF_8));
    }

    public static Wrk parse(String output) {
        Matcher rate = RATE.matcher(output);
        Matcher non2xx = NON_2XX.matcher(output);
        Matcher socket = SOCKET_ERRORS.matcher(output);
        long socketErrors = 0;
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(socket.group(group));
            }
        }
        return new Wrk(output, rate.find() ? Double.valueOf(rate.group(1)) : null, socketErrors,
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0);
    }

    /** Every failed request: socket errors and answers that were not 2xx or 3xx. */
    public long errors() {
        return socketErrors + non2xx;
    }

    /** Whether wrk printed a rate: a run that never got an answer has none, and is no measurement. */
    public boolean rated() {
        return requestsPerSecond != null && requestsPerSecond > 0;
    }
}
