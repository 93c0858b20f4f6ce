import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The AOT cache's training run (JEP 483, 514, 515), in one program that needs only java.base: no
 * shell, curl or wget, so it runs in a FROM scratch stage as well as on Alpine or a JRE image.
 *
 * <pre>java -cp /train Train CACHE-FILE SERVER-COMMAND...</pre>
 *
 * Starts the server command (the image's ENTRYPOINT, with -XX:AOTCacheOutput=CACHE-FILE in place of
 * -XX:AOTCache) on a free port of 127.0.0.1; waits until it is ready; sends it
 * the requests a real client sends; stops it with SIGTERM as docker stop does. The JVM writes the
 * cache as it exits: what the server did meanwhile (start-up, then these requests) is what the cache
 * makes faster at run time. Fails the build if no cache appeared; dates the cache SOURCE_DATE_EPOCH.
 */
public final class Train {

    private Train() {
    }

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]);
        List<String> command = Arrays.asList(args).subList(1, args.length);
        // A port that is free now, on 127.0.0.1 only: a build on the host's network takes no port of
        // the host for long, and two builds at once do not collide.
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // The server's log goes straight into the build's (inheritIO): the JVM also writes there as
        // it assembles the cache at exit, in a child process of its own.
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("SERVER_HOST", "127.0.0.1");
        long started = System.nanoTime();
        Process server = builder.start();

        String base = "http://127.0.0.1:" + port;
        long deadline = started + TimeUnit.SECONDS.toNanos(60);
        while (status("GET", base + "/observe/health/ready") != 204) {
            if (System.nanoTime() > deadline || !server.isAlive()) {
                server.destroy();
                throw new IllegalStateException("the server did not become ready");
            }
            Thread.sleep(20);
        }
        // The plain and the JSON view, HEAD, the probes and a 404, a few hundred times: enough for the
        // JIT's profiles (JEP 515) to see the request path hot.
        for (int i = 0; i < 200; i++) {
            expect(200, request("GET", base + "/whoami", "*/*"));
            expect(200, request("GET", base + "/whoami", "application/json"));
            expect(200, request("HEAD", base + "/whoami", "*/*"));
            expect(204, request("GET", base + "/observe/health/ready", "*/*"));
            expect(404, request("GET", base + "/nothing-here", "*/*"));
        }

        server.destroy(); // SIGTERM
        // The JVM writes the cache as it exits (seconds); one still running after this never will.
        if (!server.waitFor(120, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            throw new IllegalStateException("the server did not exit within 120 s of SIGTERM");
        }
        int exit = server.exitValue();
        System.out.printf("Training run: server exited with %d after %d ms%n",
                exit, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("no AOT cache written to " + cache);
        }
        // Reproducible layers: the cache file gets the build's fixed time, as every other file does.
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && !epoch.isBlank()) {
            Files.setLastModifiedTime(cache, FileTime.from(Long.parseLong(epoch.trim()), TimeUnit.SECONDS));
        }
    }

    private static void expect(int wanted, int got) {
        if (wanted != got) {
            throw new IllegalStateException("expected HTTP " + wanted + ", got " + got);
        }
    }

    private static int status(String method, String url) {
        try {
            return request(method, url, "*/*");
        } catch (IOException notYet) {
            return -1;
        }
    }

    private static int request(String method, String url, String accept) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        // Without them a server that accepts and never answers would hold the build for ever.
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(10_000);
        connection.setRequestMethod(method);
        connection.setRequestProperty("Accept", accept);
        int status = connection.getResponseCode();
        InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        if (body != null) {
            try (body) {
                body.readAllBytes();
            }
        }
        return status;
    }
}
