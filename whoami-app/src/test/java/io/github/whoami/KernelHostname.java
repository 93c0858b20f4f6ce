package io.github.whoami;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host name the tests expect, read here, independently of the code under test: what the kernel
 * says, as {@code hostname} prints it.
 */
final class KernelHostname {

    private KernelHostname() {
    }

    static String read() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the tests need Linux's /proc/sys/kernel/hostname", e);
        }
    }
}
