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
 * Where a registry is, {@code HOST[:PORT]/PREFIX}, and the scheme it answers on: the registry the images
 * are pushed to ({@code -Dimages.registry}, images/pom.xml) and the comparison's ({@code -Dcompare.registry}).
 * JDK classes only, so that the build runs this file on its own before anything is built
 * ({@code java RegistryAddress.java PROPERTY VALUE}: prints what is wrong and exits 1), and the comparison
 * checks its registry again when it starts.
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
     * @param args the property's name, and its value
     */
    public static void main(String[] args) {
        try {
            check(args[0], args.length < 2 ? "" : args[1]);
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
    static RegistryAddress check(String property, String value) {
        Matcher address = ADDRESS.matcher(value == null ? "" : value.strip());
        String host = address.matches() ? address.group(1) : "";
        String port = address.matches() ? address.group(2) : null;
        // docker reads "name/..." without a dot or a port as a Docker Hub account, not as a registry.
        if (!address.matches() || !(host.contains(".") || host.startsWith("[") || port != null || host.equals("localhost"))
                || (port != null && Integer.parseInt(port) > 65535)) {
            throw new IllegalArgumentException(property + " is \"" + value + "\", not HOST[:PORT]/PREFIX with a host docker "
                    + "reads as a registry (a dot or a port in it, or localhost): name one, e.g. -D" + property + "=" + DEFAULT + ".");
        }
        String hostAndPort = host + (port == null ? "" : ":" + port);
        return new RegistryAddress(hostAndPort, address.group(3).substring(1), answeringScheme(property, hostAndPort));
    }

    private static String answeringScheme(String property, String host) {
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
                + "-D" + property + "=HOST:PORT/PREFIX.");
    }

    /** {@code HOST[:PORT]/PREFIX}. */
    String name() {
        return host + "/" + prefix;
    }
}
