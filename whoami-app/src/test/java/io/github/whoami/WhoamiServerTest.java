package io.github.whoami;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real server on a real socket on 127.0.0.1, with the features a packaged server discovers
 * (health), called by the JDK's own HTTP client.
 */
@ServerTest
class WhoamiServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    WhoamiServerTest(WebServer server) {
        this.base = URI.create("http://127.0.0.1:" + server.port());
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.host("127.0.0.1");
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        Main.routing(builder);
    }

    @Test
    void whoamiOverTheSocketAnswersTheHostName() throws Exception {
        HttpResponse<String> response = get("/whoami", "text/plain");
        assertEquals(200, response.statusCode());
        assertEquals(HostnameSource.system().hostname().orElse("unknown"), response.body());
    }

    @Test
    void jsonViewSeesTheClientOnLoopback() throws Exception {
        HttpResponse<String> response = get("/whoami", "application/json");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"remoteAddr\":\"127.0.0.1:"), response.body());
    }

    @Test
    void headSendsNoBodyOnTheWire() throws Exception {
        String hostname = HostnameSource.system().hostname().orElse("unknown");
        // HEAD then GET on one connection: if HEAD leaked its body, it would stand between the two responses.
        try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("HEAD /whoami HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /whoami HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String wire = readUntilEndsWith(socket.getInputStream(), "\r\n\r\n" + hostname);
            int second = wire.indexOf("HTTP/1.1 200", 1);
            assertTrue(wire.startsWith("HTTP/1.1 200") && second > 0, wire);
            assertTrue(wire.substring(0, second).endsWith("\r\n\r\n"), "HEAD response ends after its headers: " + wire);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/observe/health", "/observe/health/live", "/observe/health/ready"})
    void healthEndpointsAnswerUpWithNoContent(String path) throws Exception {
        assertEquals(204, get(path, "*/*").statusCode());
    }

    private static String readUntilEndsWith(InputStream in, String end) throws IOException {
        StringBuilder wire = new StringBuilder();
        while (!wire.toString().endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            wire.append((char) b);
        }
        return wire.toString();
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(10))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
