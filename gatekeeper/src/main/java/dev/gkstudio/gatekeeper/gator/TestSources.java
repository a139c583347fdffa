package dev.gkstudio.gatekeeper.gator;

import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.ObjectValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inputs of {@code gator test -f}: gator's reader rules and error wording. A file named explicitly must be
 * {@code .yaml}, {@code .yml} or {@code .json}; directories are walked and other files skipped; every document
 * must decode to a JSON object (empty ones are dropped). Errors read as gator's, after its {@code reading: }.
 */
public final class TestSources {
    static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");
    private static final YamlLoader LOADER = new YamlLoader();

    private TestSources() {
    }

    public static List<YamlDocument> readFiles(List<String> paths) throws GatorError {
        List<YamlDocument> out = new ArrayList<>();
        for (String p : paths) {
            try {
                out.addAll(readPath(p));
            } catch (GatorError e) {
                throw new GatorError("reading from filenames: " + e.getMessage());
            }
        }
        return out;
    }

    public static List<YamlDocument> readStdin(String text) throws GatorError {
        try {
            return decode(text);
        } catch (GatorError e) {
            throw new GatorError("reading from stdin: reading: " + e.getMessage());
        }
    }

    private static List<YamlDocument> readPath(String p) throws GatorError {
        Path path = Path.of(p);
        if (!Files.exists(path)) {
            throw new GatorError("stat on path " + quote(p) + ": stat " + p + ": no such file or directory");
        }
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                s.filter(f -> !Files.isDirectory(f) && allowed(f.getFileName().toString())).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new GatorError("normalizing filenames: filename " + quote(p) + ": walking: " + e.getMessage());
            }
        } else {
            if (!allowed(path.getFileName().toString())) {
                throw new GatorError("path " + quote(p) + " must be of extensions: [" + String.join(" ", EXTENSIONS) + "]");
            }
            files.add(path);
        }
        List<YamlDocument> out = new ArrayList<>();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new GatorError("opening file " + quote(f.toString()) + ": open " + f + ": " + e.getMessage());
            }
            try {
                out.addAll(decode(text));
            } catch (GatorError e) {
                throw new GatorError("reading file " + quote(f.toString()) + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** filepath.Ext: the suffix from the final dot of the name. */
    static boolean allowed(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot));
    }

    private static List<YamlDocument> decode(String text) throws GatorError {
        List<YamlDocument> out = new ArrayList<>();
        List<YamlDocument> docs;
        try {
            docs = LOADER.loadAll(text);
        } catch (YamlException e) {
            throw new GatorError("reading yaml source: error converting YAML to JSON: " + e.getMessage());
        }
        for (YamlDocument d : docs) {
            if (d.value() instanceof NullValue) continue;
            if (!(d.value() instanceof ObjectValue o)) {
                throw new GatorError("reading yaml source: json: cannot unmarshal " + goKind(d.value().typeName())
                        + " into Go value of type map[string]interface {}");
            }
            if (o.size() > 0) out.add(d);
        }
        return out;
    }

    private static String goKind(String regoType) {
        return switch (regoType) {
            case "array" -> "array";
            case "string" -> "string";
            case "number" -> "number";
            case "boolean" -> "bool";
            default -> regoType;
        };
    }

    private static String quote(String s) {
        return dev.gkstudio.rego.value.Json.quote(s);
    }
}
