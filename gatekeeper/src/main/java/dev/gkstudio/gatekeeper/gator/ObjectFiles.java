package dev.gkstudio.gatekeeper.gator;

import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.ObjectValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads YAML/JSON object files the way gator does; paths in messages are gator's (no leading slash). */
public final class ObjectFiles {
    private static final YamlLoader LOADER = new YamlLoader();

    private ObjectFiles() {
    }

    /** gator's file-system path: the absolute path without its leading "/". */
    public static String fsPath(Path p) {
        String s = p.toAbsolutePath().normalize().toString().replace('\\', '/');
        return s.startsWith("/") ? s.substring(1) : s;
    }

    public static String read(Path p) throws GatorError {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new GatorError("open " + fsPath(p) + ": no such file or directory");
        } catch (IOException e) {
            throw new GatorError("read " + fsPath(p) + ": " + e.getMessage());
        }
    }

    /** All non-empty documents of a file (gator's ReadUnstructureds). */
    public static List<YamlDocument> readObjects(Path p) throws GatorError {
        String text = read(p);
        List<YamlDocument> out = new ArrayList<>();
        try {
            for (YamlDocument d : LOADER.loadAll(text)) {
                if (d.value() instanceof NullValue) continue;
                if (!(d.value() instanceof ObjectValue o)) {
                    throw new GatorError("reading \"" + fsPath(p) + "\": invalid yaml: json: cannot unmarshal "
                            + d.value().typeName() + " into Go value of type map[string]interface {}");
                }
                if (o.size() == 0) continue;
                out.add(d);
            }
        } catch (YamlException e) {
            throw new GatorError("reading \"" + fsPath(p) + "\": invalid yaml: " + e.getMessage());
        }
        return out;
    }

    /** The first document of a file (template and constraint files). */
    public static YamlDocument readOne(Path p, String what) throws GatorError {
        String text = read(p);
        try {
            YamlDocument d = LOADER.loadOne(text);
            if (!(d.value() instanceof ObjectValue)) {
                throw new GatorError(what + "\"" + fsPath(p) + "\": object is not a map");
            }
            return d;
        } catch (YamlException e) {
            throw new GatorError(what + "\"" + fsPath(p) + "\": " + e.getMessage());
        }
    }
}
