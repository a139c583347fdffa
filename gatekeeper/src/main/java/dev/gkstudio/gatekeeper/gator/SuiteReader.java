package dev.gkstudio.gatekeeper.gator;

import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Finds and parses gator Suites for {@code gator verify <path>} ({@code dir/...} recurses). */
public final class SuiteReader {
    private SuiteReader() {
    }

    public static List<Suite> read(String originalPath) throws GatorError {
        boolean recursive = false;
        String original = originalPath;
        String target = originalPath;
        if (original.endsWith("/...")) {
            recursive = true;
            original = original.substring(0, original.length() - 3);
            target = original;
        }
        Path targetPath = Path.of(target.isEmpty() ? "." : target).toAbsolutePath().normalize();
        if (!Files.exists(targetPath)) {
            throw new GatorError("listing test files: stat " + ObjectFiles.fsPath(targetPath) + ": no such file or directory");
        }
        List<Path> files = new ArrayList<>();
        boolean dir = Files.isDirectory(targetPath);
        if (!dir && recursive) {
            throw new GatorError("listing test files: can only recursively traverse directories, not a directory: \""
                    + ObjectFiles.fsPath(targetPath) + "\"");
        }
        try {
            if (!dir) {
                String name = targetPath.getFileName().toString();
                String ext = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
                if (!ext.equals(".yaml") && !ext.equals(".yml")) {
                    throw new GatorError("listing test files: unsupported extension: \"" + ext + "\"");
                }
                files.add(targetPath);
            } else if (!recursive) {
                try (Stream<Path> s = Files.list(targetPath)) {
                    s.filter(SuiteReader::isYaml).forEach(files::add);
                }
            } else {
                try (Stream<Path> s = Files.walk(targetPath)) {
                    s.filter(SuiteReader::isYaml).forEach(files::add);
                }
            }
        } catch (IOException e) {
            throw new GatorError("listing test files: " + e.getMessage());
        }
        List<Suite> suites = new ArrayList<>();
        String cut = original;
        if (cut.startsWith("/")) cut = cut.substring(1);
        if (cut.startsWith("./")) cut = cut.substring(2);
        for (Path f : files) {
            Suite s = readSuite(f, original, cut);
            if (s != null) suites.add(s);
        }
        suites.sort(Comparator.comparing(Suite::absolutePath));
        return suites;
    }

    private static boolean isYaml(Path p) {
        if (Files.isDirectory(p)) return false;
        String n = p.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    static Suite readSuite(Path f, String original, String cut) throws GatorError {
        String abs = ObjectFiles.fsPath(f);
        String text;
        try {
            text = Files.readString(f);
        } catch (IOException e) {
            throw new GatorError("listing test files: reading file \"" + abs + "\": " + e.getMessage());
        }
        Value v;
        try {
            v = new YamlLoader().loadOne(text).value();
        } catch (YamlException e) {
            throw new GatorError("listing test files: invalid yaml: parsing yaml file \"" + abs + "\": " + e.getMessage());
        }
        if (!(v instanceof ObjectValue)) return null;
        if (!"test.gatekeeper.sh".equals(Obj.groupVersion(v)[0]) || !"Suite".equals(Obj.kind(v))) return null;
        int idx = cut.isEmpty() ? 0 : abs.indexOf(cut);
        if (idx < 0) throw new GatorError("listing test files: could not find " + cut + " in " + abs);
        String after = abs.substring(idx + cut.length());
        String input = original + after;
        List<Suite.Test> tests = new ArrayList<>();
        ArrayValue ts = Obj.arr(v, "tests");
        if (ts != null) {
            for (Value t : ts.list()) {
                List<Suite.Case> cases = new ArrayList<>();
                ArrayValue cs = Obj.arr(t, "cases");
                if (cs != null) {
                    for (Value c : cs.list()) {
                        List<Suite.Assertion> as = new ArrayList<>();
                        ArrayValue av = Obj.arr(c, "assertions");
                        if (av != null) {
                            for (Value a : av.list()) {
                                Value viol = Obj.get(a, "violations");
                                if (viol != null && Obj.isNull(viol)) viol = null;
                                Value msg = Obj.get(a, "message");
                                as.add(new Suite.Assertion(viol, msg instanceof StringValue ms ? ms.value() : null));
                            }
                        }
                        cases.add(new Suite.Case(Obj.str(c, "name"), Obj.str(c, "object"),
                                Obj.strings(Obj.get(c, "inventory")), as, bool(c, "skip")));
                    }
                }
                tests.add(new Suite.Test(Obj.str(t, "name"), Obj.str(t, "template"), Obj.str(t, "constraint"),
                        cases, bool(t, "invalid"), bool(t, "skip"), Obj.str(t, "expansion")));
            }
        }
        return new Suite(abs, input, bool(v, "skip"), tests);
    }

    private static boolean bool(Value v, String key) {
        return Obj.get(v, key) instanceof BooleanValue b && b.value();
    }
}
