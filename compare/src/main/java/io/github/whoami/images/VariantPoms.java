package io.github.whoami.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The image variants as their poms declare them: every images/&lt;variant&gt;/ folder whose pom declares
 * {@code image.variant} (a Dockerfile beside it, or none for jib), in the order of images/pom.xml's modules, each read from the {@code image.*} properties of its pom (over
 * those of images/pom.xml and the root pom). A {@code ${property}} resolves against the given values
 * first, then the poms'.
 */
final class VariantPoms {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    private VariantPoms() {
    }

    /**
     * @param root   the repository root
     * @param values properties of the running build, over the poms' own
     * @throws IllegalStateException when a variant folder is not a module of images/pom.xml, or declares
     *                               its variant wrongly
     */
    static List<Variant> read(Path root, Map<String, String> values) throws IOException {
        List<Variant> variants = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> module : declared(root).entrySet()) {
            Map<String, String> properties = new HashMap<>(module.getValue());
            properties.putAll(values);
            Variant variant;
            try {
                variant = Variant.from(key -> resolve(properties, properties.get(key), 0));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("images/" + module.getKey() + "/pom.xml: " + e.getMessage(), e);
            }
            if (!variant.name().equals(module.getKey())) {
                throw new IllegalStateException("images/" + module.getKey() + "/pom.xml names its variant " + variant.name()
                        + ": the folder's name and the image tag must be one");
            }
            variants.add(variant);
        }
        return variants;
    }

    /**
     * Each variant folder's properties, over those of images/pom.xml and the root pom, in the order of
     * images/pom.xml's modules; a value's white space (a long one wraps over lines) is one space.
     *
     * @throws IllegalStateException when a variant folder is not a module of images/pom.xml
     */
    static Map<String, Map<String, String>> declared(Path root) throws IOException {
        Path images = root.resolve("images");
        List<String> modules = children(parse(images.resolve("pom.xml")), "modules", "module");
        List<String> folders = folders(root);
        List<String> missing = folders.stream().filter(folder -> !modules.contains(folder)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("images/pom.xml lists no module for " + missing
                    + ": add a <module> line for each (Maven builds only the modules it lists)");
        }
        Map<String, String> inherited = new HashMap<>(properties(root.resolve("pom.xml")));
        inherited.putAll(properties(images.resolve("pom.xml")));
        Map<String, Map<String, String>> declared = new LinkedHashMap<>();
        for (String module : modules.stream().filter(folders::contains).toList()) {
            Map<String, String> properties = new HashMap<>(inherited);
            properties.putAll(properties(images.resolve(module).resolve("pom.xml")));
            declared.put(module, properties);
        }
        return declared;
    }

    /** The names of the folders under images/ whose pom declares an image variant, sorted. */
    static List<String> folders(Path root) throws IOException {
        List<String> folders = new ArrayList<>();
        try (Stream<Path> list = Files.list(root.resolve("images"))) {
            for (Path folder : list.filter(folder -> Files.isRegularFile(folder.resolve("pom.xml"))).toList()) {
                if (properties(folder.resolve("pom.xml")).containsKey("image.variant")) {
                    folders.add(folder.getFileName().toString());
                }
            }
        }
        return folders.stream().sorted().toList();
    }

    /** The properties a pom sets itself, unresolved. */
    static Map<String, String> properties(Path pom) throws IOException {
        Map<String, String> properties = new HashMap<>();
        NodeList sections = parse(pom).getDocumentElement().getChildNodes();
        for (int i = 0; i < sections.getLength(); i++) {
            if (sections.item(i) instanceof Element section && section.getTagName().equals("properties")) {
                NodeList entries = section.getChildNodes();
                for (int j = 0; j < entries.getLength(); j++) {
                    if (entries.item(j) instanceof Element entry) {
                        properties.put(entry.getTagName(), entry.getTextContent().strip().replaceAll("\\s+", " "));
                    }
                }
            }
        }
        return properties;
    }

    private static String resolve(Map<String, String> properties, String value, int depth) {
        if (value == null || depth > 10) {
            return value;
        }
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            String target = properties.get(reference.group(1));
            if (target == null) {
                throw new IllegalArgumentException("no property " + reference.group(1) + " for " + value);
            }
            reference.appendReplacement(resolved, Matcher.quoteReplacement(resolve(properties, target, depth + 1)));
        }
        return reference.appendTail(resolved).toString();
    }

    private static List<String> children(Document pom, String section, String child) {
        List<String> values = new ArrayList<>();
        NodeList sections = pom.getDocumentElement().getElementsByTagName(section);
        for (int i = 0; i < sections.getLength(); i++) {
            Node parent = sections.item(i);
            if (parent.getParentNode() != pom.getDocumentElement()) {
                continue; // a profile's modules, say: not the pom's own
            }
            NodeList entries = ((Element) parent).getElementsByTagName(child);
            for (int j = 0; j < entries.getLength(); j++) {
                values.add(entries.item(j).getTextContent().strip());
            }
        }
        return values;
    }

    private static Document parse(Path pom) throws IOException {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read " + pom, e);
        }
    }
}
