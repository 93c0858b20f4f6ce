package io.github.whoami.images;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

/**
 * An image's size as its layers make it, read from {@code docker save}, so that it means the same on the
 * classic image store and on the containerd one (where {@code .Size} is the compressed size, and saved
 * layers may come gzip'd): the layers are found by their diff IDs, the digests of their uncompressed tars.
 *
 * @param layers how many layers the image has
 * @param bytes  the layers' uncompressed tars, added up
 */
record ImageLayers(int layers, long bytes) {

    /** A traditional image (450 MB) saves in seconds; a save still running after this is stuck. */
    static final Duration SAVE_TIMEOUT = Duration.ofMinutes(5);

    /** Reads {@code image}'s layers through {@code docker save}. */
    static ImageLayers of(Engine docker, String image) throws IOException, InterruptedException {
        List<String> diffIds = List.of(docker.run("image", "inspect", "--format",
                "{{range .RootFS.Layers}}{{.}} {{end}}", image).split("\\s+"));
        return saved(List.of(docker.executable(), "save", image), Set.copyOf(diffIds));
    }

    /** Runs {@code save}, a command that writes an image's tar, and reads its layers from what it writes. */
    static ImageLayers saved(List<String> save, Set<String> diffIds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(save).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> errors = Engine.drain(process.getErrorStream());
        // A save that hangs would leave the read below waiting for ever: ended at the limit, its stream
        // closes and the read ends; the check after it says why.
        // A watchdog on a virtual thread that ends with the process: no thread outlives the run.
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(SAVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut.set(true);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        });
        ImageLayers sizes;
        try (InputStream in = new BufferedInputStream(process.getInputStream(), 1 << 16)) {
            sizes = read(in, diffIds);
            // The tar's end blocks may still be on their way: closing before them fails the command's last write.
            in.transferTo(OutputStream.nullOutputStream());
        }
        int exit = process.waitFor();
        if (exit != 0) {
            String why = timedOut.get() ? "did not finish within " + SAVE_TIMEOUT : "failed (exit " + exit + ")";
            throw new IllegalStateException(String.join(" ", save) + " " + why + ": "
                    + new String(Engine.drained(errors), StandardCharsets.UTF_8).strip());
        }
        if (sizes.layers() != diffIds.size()) {
            throw new IllegalStateException(String.join(" ", save) + " held " + sizes.layers() + " of its "
                    + diffIds.size() + " layers");
        }
        return sizes;
    }

    /** Reads a {@code docker save} tar stream; every entry whose uncompressed digest is a diff ID is a layer. */
    static ImageLayers read(InputStream in, Set<String> diffIds) throws IOException {
        Set<String> seen = new HashSet<>();
        long bytes = 0;
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").strip(), 8);
            Entry entry;
            try (BoundedStream content = new BoundedStream(in, size)) {
                entry = Entry.measure(content);
            }
            if (diffIds.contains(entry.diffId()) && seen.add(entry.diffId())) {
                bytes += entry.bytes();
            }
            in.skipNBytes((512 - size % 512) % 512);
        }
        return new ImageLayers(seen.size(), bytes);
    }

    /** One archive entry: the digest and size of its uncompressed content. */
    private record Entry(String diffId, long bytes) {

        static Entry measure(InputStream content) throws IOException {
            BufferedInputStream in = new BufferedInputStream(content, 1 << 16);
            in.mark(2);
            boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            MessageDigest sha256;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            Counter plain = new Counter();
            // The containerd image store may save a layer gzip'd, as a registry stores it: its diff ID is the
            // digest of the tar inside.
            try (InputStream tar = gzipped ? new GZIPInputStream(in, 1 << 16) : in;
                 OutputStream sink = new DigestOutputStream(plain, sha256)) {
                tar.transferTo(sink);
            }
            return new Entry(digest(sha256), plain.count);
        }

        private static String digest(MessageDigest sha256) {
            return "sha256:" + HexFormat.of().formatHex(sha256.digest());
        }
    }

    /** Counts what is written to it, and keeps none of it. */
    private static final class Counter extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** The next {@code size} bytes of a stream, and not one more; closing it reads what is left. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(b, off, (int) Math.min(len, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            in.skipNBytes(left);
            left = 0;
        }
    }
}
