package io.github.whoami.images;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Copies of the repository the builds are timed on, so that a source edit never touches the working
 * tree: the Dockerfiles' build context (what .dockerignore lets in), or the whole repository for a Maven
 * build; and the one-line edit itself. Every copy is a temporary folder the caller {@link #delete}s.
 */
final class SourceTree {

    /** The source file a rebuild's one-line edit goes into, relative to the repository root. */
    static final String EDITED_SOURCE = "whoami-app/src/main/java/io/github/whoami/Main.java";

    private SourceTree() {
    }

    /**
     * What .dockerignore lets into the build context, copied: it ignores everything ({@code *}) and lets in
     * its {@code !path} lines, the only rule it uses.
     */
    static Path contextCopy(Path context) throws IOException {
        Path copy = Files.createTempDirectory("whoami-rebuild-");
        Files.copy(context.resolve(".dockerignore"), copy.resolve(".dockerignore"));
        for (String allow : allowed(context)) {
            copyTree(context, context.resolve(allow), copy, path -> true);
        }
        return copy;
    }

    /** The {@code !path} lines of the context's .dockerignore: the paths it lets in. */
    static List<String> allowed(Path context) throws IOException {
        return Files.readAllLines(context.resolve(".dockerignore")).stream().map(String::strip)
                .filter(line -> line.startsWith("!")).map(line -> line.substring(1).strip()).toList();
    }

    /**
     * The repository as it is, uncommitted edits included, without .git (a build needs no history, and
     * it can be large) and without any target/ folder (a cold build makes its own).
     */
    static Path repositoryCopy(Path context) throws IOException {
        Path copy = Files.createTempDirectory("whoami-repository-");
        copyTree(context, context, copy, path -> !context.relativize(path).toString().matches("(.*/)?(target|\\.git)(/.*)?"),
                StandardCopyOption.COPY_ATTRIBUTES);
        return copy;
    }

    /**
     * One line added to the source: a class of its own, so that the app's jar changes as a code edit
     * changes it (a comment compiles to the same classes, and a reproducible build would ship nothing new).
     */
    static void appendSourceOnlyEdit(Path copy) throws IOException {
        Path source = copy.resolve(EDITED_SOURCE);
        Files.writeString(source, Files.readString(source) + "final class SourceEdit" + System.nanoTime() + " {}\n");
    }

    /** Deletes a folder and everything under it; one already gone is no error. */
    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Copies what {@code keep} accepts under {@code from} into {@code copy}, at its path relative to {@code context}. */
    private static void copyTree(Path context, Path from, Path copy, Predicate<Path> keep, CopyOption... options)
            throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.filter(keep).toList()) {
                Path target = copy.resolve(context.relativize(path).toString());
                Files.createDirectories(Files.isDirectory(path) ? target : target.getParent());
                if (Files.isRegularFile(path)) {
                    Files.copy(path, target, options);
                }
            }
        }
    }
}
