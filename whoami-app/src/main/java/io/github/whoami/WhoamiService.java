package io.github.whoami;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * {@code /whoami} (and {@code /who}, the path of the lesson's older edition): the host name as plain text,
 * or, for {@code Accept: application/json}, what the server knows about itself and the request.
 */
final class WhoamiService implements HttpService {

    static final String UNKNOWN_HOST = "unknown";

    /** Answered for any method other than these, with an {@code Allow} header naming them. */
    private static final String ALLOWED_METHODS = "GET, HEAD";

    /** The longest {@code ?wait=} a request may ask for. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private static final Pattern WAIT = Pattern.compile("(\\d{1,6})(ms|s)");

    /** Built once: {@code Json.createObjectBuilder()} looks the provider up again on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private final String hostname;
    private final byte[] hostnameBytes;
    private final String variant;

    /**
     * @param hostnameSource where the host name comes from; read once, as a container's does not change
     * @param variant        the image variant, {@code null} outside an image
     */
    WhoamiService(HostnameSource hostnameSource, String variant) {
        this.hostname = hostnameSource.hostname().orElse(UNKNOWN_HOST);
        this.hostnameBytes = hostname.getBytes(StandardCharsets.UTF_8);
        this.variant = variant;
    }

    @Override
    public void routing(HttpRules rules) {
        for (String path : List.of("/whoami", "/who")) {
            rules.route(Method.predicate(Method.GET, Method.HEAD), PathMatchers.exact(path), this::whoami)
                    .any(path, WhoamiService::methodNotAllowed);
        }
    }

    private void whoami(ServerRequest req, ServerResponse res) {
        if (req.content().hasEntity()) {
            // A GET body means nothing (RFC 9110), and a proxy and this server that disagree on where
            // it ends are how requests get smuggled: refuse it rather than skip it.
            res.status(Status.BAD_REQUEST_400).send("GET and HEAD take no body\n");
            return;
        }
        // contains() and get(), not first(): Helidon 4.4's first() looks a mapper manager up in the
        // service registry on every call, and that cut the server's throughput to a fifth (JFR's
        // hot-methods view showed it). Every request passes here.
        if (req.query().contains("wait")) {
            Duration wait;
            try {
                wait = parseWait(req.query().get("wait"));
            } catch (IllegalArgumentException e) {
                res.status(Status.BAD_REQUEST_400).send(e.getMessage() + "\n");
                return;
            }
            // A slow answer on demand, as traefik/whoami's ?wait=: what a request in flight during a
            // shutdown, or behind a proxy's timeout, looks like. Each request has its virtual thread.
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                res.status(Status.SERVICE_UNAVAILABLE_503).send();
                return;
            }
        }
        // curl sends "Accept: */*": only a client that prefers JSON over plain text gets it.
        MediaType best = req.headers()
                .bestAccepted(MediaTypes.TEXT_PLAIN, MediaTypes.APPLICATION_JSON)
                .orElse(MediaTypes.TEXT_PLAIN);
        if (best.equals(MediaTypes.APPLICATION_JSON)) {
            res.send(describe(req));
            return;
        }
        res.headers().contentType(MediaTypes.TEXT_PLAIN);
        if (req.prologue().method() == Method.HEAD) {
            // Helidon routes HEAD like any method and would send the entity: send the headers alone.
            res.headers().contentLength(hostnameBytes.length);
            res.send();
        } else {
            res.send(hostnameBytes);
        }
    }

    /** {@code 250ms} or {@code 2s}, up to {@link #MAX_WAIT}. */
    static Duration parseWait(String value) {
        Matcher matcher = WAIT.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("wait takes milliseconds or seconds, such as 250ms or 2s, not " + value);
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration wait = matcher.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
        if (wait.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("wait is at most " + MAX_WAIT.toSeconds() + "s");
        }
        return wait;
    }

    private JsonObject describe(ServerRequest req) {
        JsonObjectBuilder headers = JSON.createObjectBuilder();
        req.headers().forEach(header -> headers.add(header.name(), JSON.createArrayBuilder(header.allValues())));

        JsonObjectBuilder doc = JSON.createObjectBuilder()
                .add("hostname", hostname)
                .add("ip", addresses())
                .add("remoteAddr", req.remotePeer().host() + ":" + req.remotePeer().port())
                .add("method", req.prologue().method().text())
                .add("path", req.prologue().uriPath().rawPath())
                .add("headers", headers)
                .add("javaVersion", Runtime.version().toString())
                .add("javaVm", System.getProperty("java.vm.name"));
        if (variant == null) {
            doc.addNull("variant");
        } else {
            doc.add("variant", variant);
        }
        return doc.build();
    }

    /** The addresses of every interface that is up, loopback included, as traefik/whoami lists them. */
    private static JsonArrayBuilder addresses() {
        JsonArrayBuilder ips = JSON.createArrayBuilder();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                        ips.add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // No interfaces can be listed: the document still answers, with an empty list.
        }
        return ips;
    }

    private static void methodNotAllowed(ServerRequest req, ServerResponse res) {
        res.status(Status.METHOD_NOT_ALLOWED_405)
                .header(HeaderNames.ALLOW, ALLOWED_METHODS)
                .send();
    }
}
