package io.github.whoami.workarounds;

import java.util.Arrays;
import java.util.Locale;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Answers Helidon 4.5.0 keeping a connection open after answering its {@code Connection: close} request
 * (helidon-io/helidon#12324): closes the connection once the response to such a request is sent.
 *
 * <p>Helidon 4.5.0 answers such a request with {@code Connection: close} but then waits for another
 * request on the same socket, so a client that reads to end of stream hangs until a timeout
 * (helidon-io/helidon#12324, fixed after 4.5.3). Throwing {@link CloseConnectionException} after the
 * response is the one way out of the connection's request loop that a route has: the server's
 * error handling lets it through, and the connection handler closes the socket. Remove this filter
 * with the Helidon upgrade that carries the fix; {@code WhoamiServerTest} fails without it, and it and
 * the container tests keep checking the behaviour.
 */
public final class ConnectionCloseFilter implements Filter {

    /** One filter for every route of the server. */
    public ConnectionCloseFilter() {
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        chain.proceed();
        if (asksToClose(req) && res.isSent()) {
            throw new CloseConnectionException("The client sent Connection: close");
        }
    }

    /** {@code Connection} is a list of tokens ({@code close, TE}), case-insensitive. */
    private static boolean asksToClose(RoutingRequest req) {
        // Most requests have no Connection header: answer those without building a stream.
        if (!req.headers().contains(HeaderNames.CONNECTION)) {
            return false;
        }
        return req.headers().values(HeaderNames.CONNECTION).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .anyMatch(token -> token.strip().toLowerCase(Locale.ROOT).equals("close"));
    }
}
