package io.github.whoami;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application's real routes ({@link Main#routing}), driven without a socket.
 */
@RoutingTest
class WhoamiRoutesTest {

    private final DirectClient client;

    WhoamiRoutesTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        Main.routing(builder);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/whoami", "/who"})
    void answersWithTheSystemHostNameAsPlainTextWithoutNewline(String path) {
        String expected = KernelHostname.read();
        try (Http1ClientResponse response = client.get(path).request()) {
            assertEquals(Status.OK_200, response.status());
            assertEquals("text/plain", response.headers().contentType().orElseThrow().mediaType().text());
            assertEquals(expected, response.as(String.class));
        }
    }

    @Test
    void headAnswersWithTheHeadersOfGet() {
        String expected = KernelHostname.read();
        // The body is not read: a HEAD response has none, whatever Content-Length says (RFC 9110 9.3.2).
        try (Http1ClientResponse response = client.method(Method.HEAD).path("/whoami").request()) {
            assertEquals(Status.OK_200, response.status());
            assertEquals(expected.length(), response.headers().contentLength().orElseThrow());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
    void otherMethodsOnWhoamiGet405WithAllowHeader(String method) {
        try (Http1ClientResponse response = client.method(Method.create(method)).path("/whoami").request()) {
            assertEquals(Status.METHOD_NOT_ALLOWED_405, response.status());
            assertEquals("GET, HEAD", response.headers().get(HeaderNames.ALLOW).get());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/whoami/extra", "/nope", "/WHOAMI"})
    void unknownPathsGet404(String path) {
        try (Http1ClientResponse response = client.get(path).request()) {
            assertEquals(Status.NOT_FOUND_404, response.status());
        }
    }

    @Test
    void plainTextWinsWhenTheClientAcceptsAnything() {
        try (Http1ClientResponse response = client.get("/whoami").header(HeaderNames.ACCEPT, "*/*").request()) {
            assertEquals("text/plain", response.headers().contentType().orElseThrow().mediaType().text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1", "-1s", "1m", "11s", "10001ms", "1.5s"})
    void aWaitThatIsNotMillisecondsOrSecondsUpToTenGets400(String wait) {
        try (Http1ClientResponse response = client.get("/whoami").queryParam("wait", wait).request()) {
            assertEquals(Status.BAD_REQUEST_400, response.status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0ms", "5ms", "0s"})
    void aShortWaitStillAnswersTheHostName(String wait) {
        try (Http1ClientResponse response = client.get("/whoami").queryParam("wait", wait).request()) {
            assertEquals(Status.OK_200, response.status());
            assertEquals(KernelHostname.read(), response.as(String.class));
        }
    }
}
