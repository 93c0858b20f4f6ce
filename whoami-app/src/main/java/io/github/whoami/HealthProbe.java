package io.github.whoami;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The images' HEALTHCHECK: exits 0 when the server on this machine answers its readiness check, 1 when not.
 *
 * <p>A Java class, not {@code curl} or {@code wget}: the JRE and jlink images have neither, and a
 * {@code FROM scratch} image has not even a shell. It needs only {@code java.base}, so it adds no module
 * to a jlink runtime. The port is the server's: {@code SERVER_PORT}, or 8080.
 */
public final class HealthProbe {

    private static final int TIMEOUT_MILLIS = 2_000;

    private HealthProbe() {
    }

    /**
     * Asks {@code /observe/health/ready} on 127.0.0.1.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("SERVER_PORT", "8080");
        URI ready = URI.create("http://127.0.0.1:" + port + "/observe/health/ready");
        try {
            HttpURLConnection connection = (HttpURLConnection) ready.toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            int status = connection.getResponseCode();
            System.out.println(ready + " -> " + status);
            System.exit(status >= 200 && status < 300 ? 0 : 1);
        } catch (IOException e) {
            System.out.println(ready + " -> " + e);
            System.exit(1);
        }
    }
}
