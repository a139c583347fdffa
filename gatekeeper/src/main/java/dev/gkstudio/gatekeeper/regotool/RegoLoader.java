package dev.gkstudio.gatekeeper.regotool;

import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads files as {@code opa test} / {@code opa eval -d} do: {@code .rego} files become modules, {@code .json},
 * {@code .yaml} and {@code .yml} files become base documents placed under the directory they sit in relative to the
 * path argument (a file given directly lands at the root of {@code data}); documents at the same place are merged
 * and a clash of two non-object values is an error.
 */
public final class RegoLoader {
    private RegoLoader() {}

    public static LoadedFiles load(List<String> paths) throws RegoToolException {
        Map<String, SourceFile> modules = new TreeMap<>();
        Value data = ObjectValue.EMPTY;
        for (String arg : paths) {
            Path root = Path.of(arg);
            if (!Files.exists(root)) throw new RegoToolException("stat " + arg + ": no such file or directory");
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.walk(root)) {
                    s.filter(Files::isRegularFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new RegoToolException(arg + ": " + e.getMessage());
                }
            } else {
                files.add(root);
            }
            for (Path f : files) {
                String name = f.toString();
                String lower = name.toLowerCase();
                if (lower.endsWith(".rego")) {
                    modules.put(name, new SourceFile(name, read(f)));
                } else if (lower.endsWith(".json") || lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                    Path dir = Files.isDirectory(root) ? root.relativize(f).getParent() : null;
                    data = merge(data, nest(dir, document(f, lower.endsWith(".json"))), name);
                }
            }
        }
        return new LoadedFiles(new ArrayList<>(modules.values()), data);
    }

    private static String read(Path f) throws RegoToolException {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RegoToolException(f + ": " + e.getMessage());
        }
    }

    private static Value document(Path f, boolean json) throws RegoToolException {
        String text = read(f);
        try {
            if (json) return Json.parse(text);
            List<YamlDocument> docs = new YamlLoader().loadAll(text);
            if (docs.isEmpty()) return ObjectValue.EMPTY;
            if (docs.size() > 1) throw new RegoToolException(f + ": expected a single YAML document, found " + docs.size());
            return docs.get(0).value();
        } catch (Json.ParseException | YamlException e) {
            throw new RegoToolException(f + ": " + e.getMessage());
        }
    }

    private static Value nest(Path dir, Value v) {
        if (dir == null) return v;
        Value out = v;
        for (int i = dir.getNameCount() - 1; i >= 0; i--) {
            out = ObjectValue.of(Map.of(StringValue.of(dir.getName(i).toString()), out));
        }
        return out;
    }

    private static Value merge(Value a, Value b, String file) throws RegoToolException {
        if (a instanceof ObjectValue oa && b instanceof ObjectValue ob) {
            Map<Value, Value> m = new LinkedHashMap<>(oa.asMap());
            for (Map.Entry<Value, Value> e : ob.asMap().entrySet()) {
                Value old = m.get(e.getKey());
                m.put(e.getKey(), old == null ? e.getValue() : merge(old, e.getValue(), file));
            }
            return ObjectValue.of(m);
        }
        throw new RegoToolException(file + ": merge error");
    }
}
