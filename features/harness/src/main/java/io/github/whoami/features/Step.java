package io.github.whoami.features;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One row of the feature table: a server main class and the jars it runs with, laid out in a folder
 * that the images mount at {@code /step}: {@code lib/}, the jars and whoami-conf.jar (whoami's
 * application.properties and logging.properties, for the steps that read configuration).
 *
 * @param name      what the row adds, as the table says it
 * @param mainClass the server
 * @param folder    the step's folder on this machine
 * @param jars      its class path: its own jar, then its dependencies
 */
record Step(String name, String mainClass, Path folder, List<Path> jars) {

    /** The class path inside the container. */
    static final String CLASS_PATH = "/step/lib/*";

    /**
     * A module's packaged jar and its target/libs, as the features pom and whoami-app's lay them out,
     * copied into {@code folder} with whoami's two configuration files.
     */
    static Step of(String name, String mainClass, Path jar, Path folder, Path appClasses) throws IOException {
        List<Path> jars = new ArrayList<>(List.of(jar));
        try (Stream<Path> libs = Files.list(jar.resolveSibling("libs"))) {
            jars.addAll(libs.filter(lib -> lib.toString().endsWith(".jar")).sorted().toList());
        }
        Path lib = Files.createDirectories(folder.resolve("lib"));
        List<Path> copied = new ArrayList<>();
        for (Path from : jars) {
            copied.add(Files.copy(from, lib.resolve(from.getFileName()), StandardCopyOption.REPLACE_EXISTING));
        }
        // In a jar, not a folder: an AOT cache takes no non-empty folder on its class path.
        try (ZipOutputStream conf = new ZipOutputStream(Files.newOutputStream(lib.resolve("whoami-conf.jar")))) {
            for (String file : List.of("application.properties", "logging.properties")) {
                conf.putNextEntry(new ZipEntry(file));
                conf.write(Files.readAllBytes(appClasses.resolve(file)));
                conf.closeEntry();
            }
        }
        return new Step(name, mainClass, folder, copied);
    }

    /** The class path on this machine, for jdeps. */
    String localClassPath() {
        return String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
    }
}
