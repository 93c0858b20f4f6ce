package io.github.whoami.images;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behind a reverse proxy: the nginx example of docs/production.md in front of a container run as production runs it
 * ({@code --memory 128m --cpus 1}), and the two things proxies and old clients send that Helidon 4
 * answers its own way, HTTP/1.0 and {@code Connection: close}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyIT {

    private static final Duration BOUND = Duration.ofSeconds(5);

    private Container server;

    @BeforeAll
    void startServerAsInProduction() throws Exception {
        server = ImageUnderTest.startAsInProduction();
    }

    @AfterAll
    void removeServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void http10IsAnswered505AsHelidonDoesByDesign() throws Exception {
        // Helidon 4 speaks HTTP/1.1 and 2 only (helidon-io/helidon#9604): ApacheBench and nginx's default
        // proxy_http_version get this. The nginx test below shows the setting that avoids it.
        RawHttp.Exchange exchange = RawHttp.exchange(server.port(),
                "GET /whoami HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), Duration.ZERO, BOUND);
        assertEquals(505, exchange.status(), exchange.toString());
    }

    @Test
    @Order(2)
    void connectionCloseIsHonouredAtOnce() throws Exception {
        // Helidon 4.5 keeps the socket open (helidon-io/helidon#12324): whoami-app's ConnectionCloseFilter
        // closes it. A client reading to end of stream must not wait for a timeout.
        RawHttp.Exchange exchange = RawHttp.exchange(server.port(), "GET /whoami HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII), Duration.ZERO, BOUND);
        assertEquals(200, exchange.status(), exchange.toString());
        assertTrue(exchange.closed() && exchange.millis() < 1_000, "closed right after the response: " + exchange);
    }

    @Test
    @Order(3)
    void theReadmesNginxExampleProxiesWhoami() throws Exception {
        String example = Nginx.docsExample();
        try (Nginx nginx = Nginx.start(example, server.port())) {
            HttpResponse<String> response = nginx.get("/whoami");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(server.name(), response.body());
        }
        // Without proxy_http_version 1.1, nginx speaks HTTP/1.0 to the server and relays its 505.
        try (Nginx nginx = Nginx.start(example.replaceAll("(?m)^.*proxy_http_version.*\\R", ""), server.port())) {
            assertEquals(505, nginx.get("/whoami").statusCode());
        }
    }
}
