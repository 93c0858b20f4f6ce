package io.github.whoami;

import java.io.StringReader;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON view, and the fallback when no host name can be read, with an injected host name source.
 */
@RoutingTest
class WhoamiJsonTest {

    private final DirectClient client;

    WhoamiJsonTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        builder.register("/fixed", new WhoamiService(() -> Optional.of("test-host"), "test-variant"))
                .register("/nameless", new WhoamiService(Optional::empty, null));
    }

    @Test
    void jsonViewDescribesServerAndRequest() {
        JsonObject doc = getJson("/fixed/whoami");

        assertEquals("test-host", doc.getString("hostname"));
        assertEquals("test-variant", doc.getString("variant"));
        assertEquals("GET", doc.getString("method"));
        assertEquals("/fixed/whoami", doc.getString("path"));
        assertTrue(doc.getString("remoteAddr").matches(".+:\\d+"), doc.getString("remoteAddr"));
        assertEquals(Runtime.version().toString(), doc.getString("javaVersion"));
        assertEquals(System.getProperty("java.vm.name"), doc.getString("javaVm"));
        assertFalse(doc.getJsonArray("ip").isEmpty(), "every machine has at least loopback");
        assertEquals("application/json", doc.getJsonObject("headers").getJsonArray("Accept").getString(0));
    }

    @Test
    void jsonViewReportsAMissingVariantAsNull() {
        assertEquals(JsonValue.NULL, getJson("/nameless/whoami").get("variant"));
    }

    @Test
    void unreadableHostNameAnswersExactlyUnknown() {
        try (Http1ClientResponse response = client.get("/nameless/whoami").request()) {
            assertEquals(Status.OK_200, response.status());
            assertEquals("unknown", response.as(String.class));
        }
        assertEquals("unknown", getJson("/nameless/who").getString("hostname"));
    }

    private JsonObject getJson(String path) {
        try (Http1ClientResponse response = client.get(path).header(HeaderNames.ACCEPT, "application/json").request()) {
            assertEquals(Status.OK_200, response.status());
            assertEquals("application/json", response.headers().contentType().orElseThrow().mediaType().text());
            try (JsonReader reader = Json.createReader(new StringReader(response.as(String.class)))) {
                return reader.readObject();
            }
        }
    }
}
