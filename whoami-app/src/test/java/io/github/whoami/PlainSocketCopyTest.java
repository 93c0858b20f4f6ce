package io.github.whoami;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.jar.JarFile;

import io.helidon.common.socket.PlainSocket;
import io.helidon.common.socket.TlsSocket;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * whoami's copy of Helidon's {@code PlainSocket} (a 2 KiB read buffer per connection, not 8 KiB) is the one
 * the server loads, and is a copy of the Helidon version on the class path.
 */
class PlainSocketCopyTest {

    /** The Helidon version whose PlainSocket whoami-app/src/main/java/io/helidon/common/socket/ copies. */
    private static final String COPIED_FROM = "4.5.0";

    @Test
    void theServerLoadsWhoamisCopyWithItsSmallerReadBuffer() throws Exception {
        String from = PlainSocket.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertFalse(from.contains("helidon-common-socket"), "PlainSocket came from Helidon's jar, " + from);
        Field length = PlainSocket.class.getDeclaredField("BUFFER_LENGTH");
        length.setAccessible(true);
        assertEquals(2 * 1024, length.getInt(null));
    }

    @Test
    void theCopyIsOfTheHelidonVersionOnTheClassPath() throws Exception {
        Path jar = Path.of(TlsSocket.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile socketJar = new JarFile(jar.toFile())) {
            String version = socketJar.getManifest().getMainAttributes().getValue("Implementation-Version");
            assertEquals(COPIED_FROM, version, "helidon-common-socket is " + version + ", whoami's PlainSocket copies "
                    + COPIED_FROM + "'s: copy the new version's class, change BUFFER_LENGTH again (unless Helidon has a "
                    + "setting for it now), and update COPIED_FROM");
        }
    }
}
