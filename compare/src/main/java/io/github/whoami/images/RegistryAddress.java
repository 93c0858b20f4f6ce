package io.github.whoami.images;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the comparison's registry is, {@code HOST[:PORT]/PREFIX} ({@code -Dcompare.registry}), and the
 * scheme it answers on. JDK classes only, so that the root pom runs this file on its own before any build
 * ({@code java RegistryAddress.java VALUE}: prints what is wrong and exits 1), as the comparison checks it
 * again when it starts.
 *
 * @param host   the registry's host, and its port if given
 * @param prefix the repository path the images go under
 * @param scheme {@code https} or {@code http}, whichever answered at {@code /v2/}
 */
record RegistryAddress(String host, String prefix, String scheme) {

    static final String DEFAULT = "127.0.0.1:5000/whoami-compare";

    /** What docker reads as a registry host, then a repository path: HOST[:PORT]/PREFIX. */
    private static final Pattern ADDRESS = Pattern.compile(
            "((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:]+\\])"
                    + "(?::(\\d{1,5}))?((?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)+)");

    /**
     * @param args the value of compare.registry
     */
    public static void main(String[] args) {
        try {
            check(args.length == 0 ? "" : args[0]);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Reads {@code HOST[:PORT]/PREFIX} and finds the scheme a registry answers {@code /v2/} on, as docker
     * tries them: https, then plain http; a 200, or a 401 from one that wants a login.
     *
     * @throws IllegalArgumentException for a malformed value, or no registry answering, in one sentence
     *                                  that says what to do
     */
    static RegistryAddress check(String value) {
        Matcher address = ADDRESS.matcher(value == null ? "" : value.strip());
        String host = address.matches() ? address.group(1) : "";
        String port = address.matches() ? address.group(2) : null;
        // docker reads "name/..." without a dot or a port as a Docker Hub account, not as a registry.
        if (!address.matches() || !(host.contains(".") || host.startsWith("[") || port != null || host.equals("localhost"))
                || (port != null && Integer.parseInt(port) > 65535)) {
            throw new IllegalArgumentException("compare.registry is \"" + value + "\", not HOST[:PORT]/PREFIX with a host docker "
                    + "reads as a registry (a dot or a port in it, or localhost): name one, e.g. -Dcompare.registry=" + DEFAULT + ".");
        }
        String hostAndPort = host + (port == null ? "" : ":" + port);
        return new RegistryAddress(hostAndPort, address.group(3).substring(1), answeringScheme(hostAndPort));
    }

    private static String answeringScheme(String host) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        String other = null;
        for (String candidate : List.of("https", "http")) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(candidate + "://" + host + "/v2/"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return candidate;
                }
                other = other == null ? candidate + "://" + host + "/v2/ answers HTTP " + status : other;
            } catch (IOException e) {
                // Nothing answers with this scheme: try the next.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalArgumentException("No registry answers at " + host
                + (other == null ? "" : " (" + other + ", not a registry's 200 or 401)")
                + ": start one (ci/local-registry.sh, or docker run -d -p 127.0.0.1:5000:5000 registry:2), or name one with "
                + "-Dcompare.registry=HOST:PORT/PREFIX.");
    }

    /** {@code HOST[:PORT]/PREFIX}. */
    String name() {
        return host + "/" + prefix;
    }
}
