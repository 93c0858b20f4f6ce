package io.github.whoami.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP/1.1 over a plain socket, as broken clients, hostile ones and old proxies speak it. */
final class RawHttp {

    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.1 (\\d{3}) ");

    private RawHttp() {
    }

    /**
     * What a raw-socket client saw: the status (-1 if none came), the bytes, whether the server closed
     * the connection (end of stream or reset) and how long it all took.
     */
    record Exchange(int status, String text, boolean closed, long millis) {
        String summary() {
            return (status > 0 ? String.valueOf(status) : "no answer") + (closed ? ", closed" : ", kept open")
                    + " (" + millis + " ms)";
        }
    }

    /**
     * Sends {@code request} to 127.0.0.1:{@code port} ({@code pause} between bytes, if not zero), then
     * reads until the response's headers are in, the server closes the connection, or {@code timeout}
     * passes. A request the server stops reading (it answered early, or hung up) is fine: what it sent
     * back is read all the same.
     */
    static Exchange exchange(int port, byte[] request, Duration pause, Duration timeout)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            boolean closed = false;
            try {
                OutputStream out = socket.getOutputStream();
                if (pause.isZero()) {
                    out.write(request);
                } else {
                    for (byte b : request) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(pause);
                    }
                }
            } catch (IOException e) {
                closed = true; // the server hung up while the request was still being sent
            }
            StringBuilder text = new StringBuilder();
            try {
                InputStream in = socket.getInputStream();
                int b;
                while ((b = in.read()) >= 0) {
                    text.append((char) b);
                    if (text.indexOf("\r\n\r\n") >= 0 && !text.toString().contains("Connection: close")) {
                        break; // a complete head on a connection the server keeps: that is the answer
                    }
                }
                if (b < 0) {
                    closed = true;
                }
            } catch (SocketTimeoutException e) {
                // neither an answer nor a close within the time
            } catch (IOException e) {
                closed = true; // reset
            }
            Matcher status = STATUS_LINE.matcher(text);
            return new Exchange(status.find() ? Integer.parseInt(status.group(1)) : -1, text.toString(), closed,
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
    }

    /**
     * Sends {@code request} (nothing, if empty), then waits until the server hangs up, reading whatever it
     * sends; returns the seconds that took, or {@link Double#MAX_VALUE} if it had not hung up after {@code wait}.
     */
    static double secondsUntilClosed(int port, String request, Duration wait) {
        long start = System.nanoTime();
        Socket socket;
        try {
            socket = new Socket("127.0.0.1", port);
        } catch (IOException e) {
            throw new AssertionError("cannot connect to 127.0.0.1:" + port, e);
        }
        try (socket) {
            socket.setSoTimeout((int) wait.toMillis());
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // read to the end of the stream
            }
        } catch (SocketTimeoutException e) {
            return Double.MAX_VALUE; // never closed
        } catch (IOException e) {
            // reset: closed
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
