package io.github.whoami;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the host name comes from. An interface so that tests can give a fixed one, or none.
 */
@FunctionalInterface
interface HostnameSource {

    /** Linux keeps the kernel's host name here; in a container it is the container ID or {@code --hostname}. */
    Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    /**
     * The host name, if it can be read.
     *
     * @return the host name, empty if there is none
     */
    Optional<String> hostname();

    /**
     * The kernel's host name, as Go's {@code os.Hostname()} reads it, then the environment.
     * Never {@code InetAddress.getLocalHost()}: that resolves the name through DNS, which can hang
     * in a container with no resolver.
     *
     * @return the system's host name source
     */
    static HostnameSource system() {
        return () -> kernelHostname()
                .or(() -> nonBlank(System.getenv("HOSTNAME")))
                .or(() -> nonBlank(System.getenv("COMPUTERNAME")));
    }

    private static Optional<String> kernelHostname() {
        try {
            return nonBlank(Files.readString(KERNEL_HOSTNAME));
        } catch (IOException | SecurityException e) {
            // Not Linux, or /proc is not mounted: fall back to the environment.
            return Optional.empty();
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(s -> !s.isEmpty());
    }
}
