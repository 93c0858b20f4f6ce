package io.github.whoami.images;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Debian's nginx in front of the server, configured by the example of docs/production.md. */
final class Nginx implements AutoCloseable {

    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- nginx-example:begin -->\\s*```nginx\\R(.*?)```\\s*<!-- nginx-example:end -->", Pattern.DOTALL);

    private final Process process;
    private final Path prefix;
    private final int port;

    private Nginx(Process process, Path prefix, int port) {
        this.process = process;
        this.prefix = prefix;
        this.port = port;
    }

    /** The server block of docs/production.md's "Behind a reverse proxy", exactly as written there. */
    static String docsExample() throws IOException {
        Path page = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "../.."), "docs", "production.md");
        Matcher example = EXAMPLE.matcher(Files.readString(page));
        assertTrue(example.find(), "no nginx example between nginx-example markers in " + page);
        return example.group(1);
    }

    /**
     * Runs nginx in the foreground with {@code serverBlock} inside a minimal http block. The example's
     * ports (8000 for nginx, 8080 for whoami) become free ones, as this test's server has its own.
     */
    static Nginx start(String serverBlock, int whoamiPort) throws Exception {
        String executable = Stream.of(System.getProperty("nginx.executable", ""), "/usr/sbin/nginx")
                .filter(path -> !path.isBlank() && Files.isExecutable(Path.of(path))).findFirst()
                .orElseThrow(() -> new AssertionError("nginx is not installed: install it (ci/tools.sh does) "
                        + "or name it with -Dnginx.executable=..."));
        int port = Container.freePort();
        Path prefix = Files.createTempDirectory("whoami-nginx-");
        String server = serverBlock.replace("127.0.0.1:8000", "127.0.0.1:" + port)
                .replace("127.0.0.1:8080", "127.0.0.1:" + whoamiPort);
        assertFalse(server.equals(serverBlock), "the example must listen on 127.0.0.1:8000 and proxy to 127.0.0.1:8080");
        Files.writeString(prefix.resolve("nginx.conf"), """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log stderr warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                %2$s
                }
                """.formatted(prefix, server));
        Process process = new ProcessBuilder(executable, "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString(),
                "-e", "stderr").redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.log").toFile()).start();
        Nginx nginx = new Nginx(process, prefix, port);
        Container.poll(Duration.ofSeconds(10), nginx::listening, Boolean::booleanValue);
        if (!nginx.listening()) {
            nginx.close();
            throw new AssertionError("nginx did not start: " + Files.readString(prefix.resolve("nginx.log")));
        }
        return nginx;
    }

    private boolean listening() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(prefix)) {
            walk.forEach(paths::add);
        }
        for (Path path : paths.reversed()) {
            Files.deleteIfExists(path);
        }
    }
}
