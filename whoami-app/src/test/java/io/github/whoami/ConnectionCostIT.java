package io.github.whoami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one held connection costs the packaged server, measured as the JVM counts it: the live heap from a
 * class histogram (which collects first) and the JVM's native memory from Native Memory Tracking (less the
 * JIT's code and scratch memory, which come and go with compilations), before
 * and after {@value #HELD} connections are opened and held. {@link ConnectionBudget} sizes the connection
 * limit by these figures: the test fails if a held connection costs more heap than the budget allows.
 */
class ConnectionCostIT {

    private static final int HELD = 1_000;
    private static final Pattern STARTED = Pattern.compile("listening on port (\\d+)");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");
    private static final Pattern NMT_TOTAL = Pattern.compile("(?m)^Total: reserved=\\d+KB, committed=(\\d+)KB");
    /** What the JVM's native memory holds besides connections: the heap itself, and the JIT's code and scratch memory. */
    private static final List<String> NOT_PER_CONNECTION = List.of("Java Heap", "Code", "Compiler", "Arena Chunk",
            "Native Memory Tracking");

    @ParameterizedTest(name = "{0}, use-nio={2}")
    @CsvSource(delimiter = '|', value = {
            "request line and one header, then nothing | GET /whoami HTTP/1.1\\r\\nHost: t\\r\\n | false",
            "nothing at all                             |                                      | false",
            "a request answered after 10 s              | GET /whoami?wait=10s HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n | false",
            "request line and one header, then nothing | GET /whoami HTTP/1.1\\r\\nHost: t\\r\\n | true"})
    void aHeldConnectionCostsNoMoreHeapThanTheConnectionBudgetAllows(String what, String request, boolean nio)
            throws Exception {
        byte[] bytes = (request == null ? "" : request.replace("\\r\\n", "\r\n")).getBytes(StandardCharsets.US_ASCII);
        Process server = start(nio);
        try {
            int port = awaitPort(server);
            hold(port, 100, bytes).forEach(ConnectionCostIT::closeQuietly); // the code paths loaded and compiled once
            Thread.sleep(1_000);
            long heapBefore = liveHeap(server);
            long nativeBefore = nativeMemory(server);
            List<Socket> held = hold(port, HELD, bytes);
            Thread.sleep(1_500);
            long heapPerConnection = (liveHeap(server) - heapBefore) / HELD;
            long nativePerConnection = (nativeMemory(server) - nativeBefore) / HELD;
            held.forEach(ConnectionCostIT::closeQuietly);
            System.out.printf("ConnectionCostIT: %s (use-nio=%s): %,d bytes of heap, %,d bytes of native memory "
                    + "(NMT, without the heap and the JIT) per held connection%n", what.strip(), nio, heapPerConnection, nativePerConnection);
            if (!nio) {
                assertTrue(heapPerConnection <= ConnectionBudget.HEAP_PER_CONNECTION, what + ": " + heapPerConnection
                        + " bytes of heap per connection, over the budget's " + ConnectionBudget.HEAP_PER_CONNECTION);
            }
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The packaged jar with one CPU, as under --cpus 1, and timeouts long enough to keep every connection. */
    private static Process start(boolean nio) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(java("java"), "-XX:ActiveProcessorCount=1", "-Xmx256m",
                "-XX:NativeMemoryTracking=summary", "-jar", Path.of("target", "whoami-app.jar").toString())
                .redirectErrorStream(true);
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().put("SERVER_USE_NIO", String.valueOf(nio));
        builder.environment().put("SERVER_IDLE_CONNECTION_TIMEOUT", "PT60S");
        builder.environment().put("WHOAMI_REQUEST_HEAD_TIMEOUT", "PT60S");
        builder.environment().put("SERVER_MAX_TCP_CONNECTIONS", "10000");
        return builder.start();
    }

    private static int awaitPort(Process server) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher started = STARTED.matcher(line);
                    if (started.find()) {
                        port.complete(Integer.parseInt(started.group(1)));
                    }
                }
                port.completeExceptionally(new AssertionError("the server exited before it started"));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        });
        return port.get(30, TimeUnit.SECONDS);
    }

    private static List<Socket> hold(int port, int count, byte[] request) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket("127.0.0.1", port);
            socket.getOutputStream().write(request);
            sockets.add(socket);
        }
        return sockets;
    }

    private static long liveHeap(Process server) throws Exception {
        return Long.parseLong(match(HISTOGRAM_TOTAL, jcmd(server, "GC.class_histogram")));
    }

    private static long nativeMemory(Process server) throws Exception {
        String summary = jcmd(server, "VM.native_memory", "summary");
        long kib = Long.parseLong(match(NMT_TOTAL, summary));
        for (String category : NOT_PER_CONNECTION) {
            kib -= Long.parseLong(match(Pattern.compile("- +" + Pattern.quote(category)
                    + " \\(reserved=\\d+KB, committed=(\\d+)KB"), summary));
        }
        return kib * 1024;
    }

    private static String jcmd(Process server, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(java("jcmd"), String.valueOf(server.pid())));
        args.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS) && jcmd.exitValue() == 0, "jcmd " + args + ": " + out);
        return out;
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), pattern + " in " + text);
        return matcher.group(1);
    }

    private static String java(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // gone already
        }
    }
}
