package io.github.whoami.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the comparison reads an image's layers from a saved tar, here a tar that GNU tar writes, handed
 * over by a shell command the way {@code docker save} hands over its stream. No Docker needed.
 */
class ImageLayersTest {

    private static final byte[] LAYER = "a layer's files\n".repeat(100).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void readsTheLayersWhenTheTarsEndBlocksArriveAfterALongPause() throws Exception {
        Path tar = tarOfOneLayer();
        long firstEndBlockEnds = 512 + (LAYER.length + 511) / 512 * 512 + 512;
        // The reader stops at the first end block; the rest comes a second later, as docker's last write may.
        List<String> save = List.of("sh", "-c", "head -c \"$1\" \"$0\"; sleep 1; tail -c +\"$(($1 + 1))\" \"$0\"",
                tar.toString(), Long.toString(firstEndBlockEnds));

        ImageLayers layers = ImageLayers.saved(save, Set.of(diffId(LAYER)));

        assertEquals(new ImageLayers(1, LAYER.length), layers);
    }

    @Test
    void aFailedSaveSaysWhatTheCommandPrinted() throws Exception {
        Path tar = tarOfOneLayer();
        List<String> save = List.of("sh", "-c", "cat \"$0\"; echo 'no such image: whoami:gone' >&2; exit 1", tar.toString());

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ImageLayers.saved(save, Set.of(diffId(LAYER))));

        assertTrue(failure.getMessage().endsWith("failed (exit 1): no such image: whoami:gone"),
                failure.getMessage());
    }

    @Test
    void aTarWithoutEveryLayerIsAnError() throws Exception {
        Path tar = tarOfOneLayer();
        Set<String> twoLayers = Set.of(diffId(LAYER), diffId("another layer".getBytes(StandardCharsets.UTF_8)));

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ImageLayers.saved(List.of("cat", tar.toString()), twoLayers));

        assertTrue(failure.getMessage().endsWith("held 1 of its 2 layers"), failure.getMessage());
    }

    private Path tarOfOneLayer() throws IOException, InterruptedException {
        Files.write(dir.resolve("layer.tar"), LAYER);
        Path tar = dir.resolve("image.tar");
        Process process = new ProcessBuilder("tar", "-cf", tar.toString(), "-C", dir.toString(), "layer.tar")
                .inheritIO().start();
        assertEquals(0, process.waitFor(), "tar -cf");
        return tar;
    }

    private static String diffId(byte[] content) throws NoSuchAlgorithmException {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
