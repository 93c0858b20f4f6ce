import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Adds a jlink'ed Java runtime to the app's CycloneDX SBOM, in one program that needs only a JDK: the
 * build stage of the jlink, jlink-aot and scratch images runs it as a source file (docs/sbom.md).
 *
 * <pre>java Sbom.java APP-SBOM RUNTIME-RELEASE OUTPUT</pre>
 *
 * APP-SBOM is what cyclonedx-maven-plugin wrote: the app as the main component, the jars of libs/ as the
 * components. RUNTIME-RELEASE is the linked runtime's release file, which jlink copies from the JDK's
 * (--release-info) with its own MODULES. The runtime becomes one more component, of type "platform"
 * (CycloneDX: a runtime that executes software), from IMPLEMENTOR (its supplier) and JAVA_RUNTIME_VERSION,
 * and its components are the linked modules. OUTPUT depends on the two inputs alone: reproducible layers.
 */
public final class Sbom {

    /** The top-level components array as the plugin's pretty printer opens it (its tools' list is deeper). */
    private static final String COMPONENTS = "\n  \"components\" : [\n";

    private Sbom() {
    }

    public static void main(String[] args) throws Exception {
        String sbom = Files.readString(Path.of(args[0]));
        Properties release = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]))) {
            release.load(in);
        }
        String javaVersion = value(release, "JAVA_VERSION");
        String modules = Arrays.stream(value(release, "MODULES").split(" ")).sorted()
                .map(module -> "        { \"type\" : \"library\", \"name\" : " + quote(module)
                        + ", \"version\" : " + quote(javaVersion) + " }")
                .collect(Collectors.joining(",\n"));
        String runtime = """
                    {
                      "type" : "platform",
                      "bom-ref" : "java-runtime",
                      "supplier" : { "name" : %s },
                      "name" : "java-runtime",
                      "version" : %s,
                      "description" : "The Java runtime jlink linked for the app; its components are the linked modules",
                      "components" : [
                %s
                      ]
                    },
                """.formatted(quote(value(release, "IMPLEMENTOR")),
                quote(release.containsKey("JAVA_RUNTIME_VERSION") ? value(release, "JAVA_RUNTIME_VERSION") : javaVersion),
                modules);
        int at = sbom.indexOf(COMPONENTS);
        if (at < 0 || sbom.indexOf(COMPONENTS, at + 1) >= 0) {
            throw new IllegalStateException(args[0] + ": no single top-level \"components\" array");
        }
        at += COMPONENTS.length();
        Files.writeString(Path.of(args[2]), sbom.substring(0, at) + runtime + sbom.substring(at));
    }

    /** A value of the release file, without its quotes; fails on a missing key (jlink without --release-info). */
    private static String value(Properties release, String key) {
        String value = release.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("the runtime's release file has no " + key + ": link with --release-info");
        }
        return value.replaceAll("^\"|\"$", "");
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
