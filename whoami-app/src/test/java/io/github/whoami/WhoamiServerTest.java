package io.github.whoami;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
        assertEquals(KernelHostname.read(), response.body());
    }

    @Test
    void jsonViewSeesTheClientOnLoopback() throws Exception {
        HttpResponse<String> response = get("/whoami", "application/json");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"remoteAddr\":\"127.0.0.1:"), response.body());
    }

    @Test
    void headSendsNoBodyOnTheWire() throws Exception {
        String hostname = KernelHostname.read();
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

    @Test
    void connectionCloseEndsTheStreamRightAfterTheResponse() throws Exception {
        // A client that reads to end of stream, as HTTP/1.1 tells it to after Connection: close.
        Raw raw = exchange("GET /whoami HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertTrue(raw.text().startsWith("HTTP/1.1 200"), raw.text());
        assertTrue(raw.endOfStream(), "the server must close the socket, not wait for another request: " + raw);
        assertTrue(raw.millis() < 2_000, "closed after " + raw.millis() + " ms");
    }

    @Test
    void getWithABodyIsRefusedWith400() throws Exception {
        Raw raw = exchange("GET /whoami HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
        assertTrue(raw.text().startsWith("HTTP/1.1 400"), raw.text());
    }

    @Test
    void http10IsAnswered505ByHelidonsDesign() throws Exception {
        Raw raw = exchange("GET /whoami HTTP/1.0\r\n\r\n");
        assertTrue(raw.text().startsWith("HTTP/1.1 505"), raw.text());
    }

    @Test
    void waitDelaysTheAnswer() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = get("/whoami?wait=300ms", "text/plain");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, response.statusCode());
        assertTrue(millis >= 300, "answered after " + millis + " ms");
    }

    /** What a raw-socket client read: the bytes, whether the server closed, and when. */
    private record Raw(String text, boolean endOfStream, long millis) {
    }

    /** Sends the request and reads until the server closes the socket or 5 s pass. */
    private Raw exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
            socket.setSoTimeout(5_000);
            long start = System.nanoTime();
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            StringBuilder text = new StringBuilder();
            boolean endOfStream = false;
            try {
                InputStream in = socket.getInputStream();
                for (int b = in.read(); b >= 0; b = in.read()) {
                    text.append((char) b);
                }
                endOfStream = true;
            } catch (SocketTimeoutException e) {
                // still open after 5 s
            }
            return new Raw(text.toString(), endOfStream, (System.nanoTime() - start) / 1_000_000);
        }
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
