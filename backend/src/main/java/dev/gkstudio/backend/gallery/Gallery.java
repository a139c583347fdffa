package dev.gkstudio.backend.gallery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.gkstudio.backend.eval.Templates;
import dev.gkstudio.backend.eval.Workspace;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The example policies of {@code sample-policies}, packaged under {@code /sample-policies} on the
 * class path: the catalog, and each policy turned into a workspace (the suite's first test: its
 * template, its constraint, its cases as samples with {@code # expect:} comments from their
 * assertions, and their inventory).
 */
@ApplicationScoped
public class Gallery {

    static final String ROOT = "/sample-policies/";

    /** One catalog entry. */
    public record Entry(String id, String title, String category, String kind, String description, String path,
                        String template, String suite, String regoVersion) {
    }

    /** A policy opened from the gallery. */
    public record Policy(String id, String title, Workspace workspace) {
    }

    private final YamlLoader yaml = new YamlLoader();
    private volatile List<Entry> catalog;

    public List<Entry> catalog() {
        List<Entry> c = catalog;
        if (c == null) {
            c = readCatalog();
            catalog = c;
        }
        return c;
    }

    private List<Entry> readCatalog() {
        String text = read("catalog.yaml");
        if (text == null) {
            return List.of();
        }
        try {
            Value root = yaml.loadOne(text).value();
            ArrayValue policies = Obj.arr(root, "policies");
            List<Entry> out = new ArrayList<>();
            if (policies != null) {
                for (Value p : policies.list()) {
                    out.add(new Entry(Obj.str(p, "id"), Obj.str(p, "title"), Obj.str(p, "category"), Obj.str(p, "kind"),
                            Obj.str(p, "description"), Obj.str(p, "path"), Obj.str(p, "template"), Obj.str(p, "suite"),
                            Obj.str(p, "regoVersion")));
                }
            }
            return List.copyOf(out);
        } catch (YamlException e) {
            throw new IllegalStateException("sample-policies/catalog.yaml: " + e.getMessage(), e);
        }
    }

    public Policy open(String id) throws YamlException {
        Entry entry = catalog().stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
        if (entry == null) {
            return null;
        }
        Workspace.Template template = Templates.split(Objects.requireNonNullElse(read(entry.template()), ""), yaml);
        String suitePath = entry.suite();
        String suiteDir = suitePath.contains("/") ? suitePath.substring(0, suitePath.lastIndexOf('/') + 1) : "";
        Value suite = yaml.loadOne(Objects.requireNonNullElse(read(suitePath), "")).value();
        Value test = null;
        ArrayValue tests = Obj.arr(suite, "tests");
        if (tests != null) {
            for (Value t : tests.list()) {
                if (!isTrue(Obj.get(t, "invalid")) && !isTrue(Obj.get(t, "skip"))) {
                    test = t;
                    break;
                }
            }
        }
        String constraint = "";
        StringBuilder samples = new StringBuilder();
        StringBuilder inventory = new StringBuilder();
        if (test != null) {
            constraint = Objects.requireNonNullElse(read(suiteDir + Obj.str(test, "constraint")), "");
            ArrayValue cases = Obj.arr(test, "cases");
            List<Value> chosen = cases == null ? List.of() : chooseCases(cases.list());
            for (Value c : chosen) {
                String object = read(suiteDir + Obj.str(c, "object"));
                if (object == null) {
                    continue;
                }
                if (samples.length() > 0) {
                    samples.append("---\n");
                }
                samples.append("# case: ").append(Obj.str(c, "name")).append('\n');
                ArrayValue assertions = Obj.arr(c, "assertions");
                if (assertions != null) {
                    for (Value a : assertions.list()) {
                        samples.append("# expect: ").append(expectation(a)).append('\n');
                    }
                }
                samples.append(stripSeparators(object)).append('\n');
            }
            if (!chosen.isEmpty()) {
                for (String file : inventoryOf(chosen.get(0))) {
                    String text = read(suiteDir + file);
                    if (text != null) {
                        if (inventory.length() > 0) {
                            inventory.append("---\n");
                        }
                        inventory.append(stripSeparators(text)).append('\n');
                    }
                }
            }
        }
        return new Policy(entry.id(), entry.title(),
                new Workspace(template, constraint, samples.toString(), inventory.toString()));
    }

    /** The cases that share the most common inventory: the Studio has one inventory for all samples. */
    private static List<Value> chooseCases(List<Value> cases) {
        Map<List<String>, List<Value>> byInventory = new LinkedHashMap<>();
        for (Value c : cases) {
            if (isTrue(Obj.get(c, "skip"))) {
                continue;
            }
            byInventory.computeIfAbsent(inventoryOf(c), k -> new ArrayList<>()).add(c);
        }
        List<Value> best = List.of();
        for (List<Value> group : byInventory.values()) {
            if (group.size() > best.size()) {
                best = group;
            }
        }
        return best;
    }

    private static List<String> inventoryOf(Value c) {
        return Obj.strings(Obj.get(c, "inventory"));
    }

    /** A gator assertion as a {@code # expect:} comment. */
    static String expectation(Value a) {
        Value v = Obj.get(a, "violations");
        String message = Obj.str(a, "message");
        String count;
        if (v instanceof NumberValue n) {
            int k = n.value().intValue();
            count = k == 0 && message.isEmpty() ? "allowed" : k + (k == 1 ? " violation" : " violations");
        } else if (v instanceof StringValue s && s.value().equals("no")) {
            count = message.isEmpty() ? "allowed" : "0 violations";
        } else if (v instanceof BooleanValue b && !b.value()) {
            count = message.isEmpty() ? "allowed" : "0 violations";
        } else {
            count = message.isEmpty() ? "violated" : "violation";
        }
        return message.isEmpty() ? count : count + " /" + message + "/";
    }

    private static boolean isTrue(Value v) {
        return v instanceof BooleanValue b && b.value();
    }

    private static String stripSeparators(String text) {
        String t = text.strip();
        if (t.startsWith("---")) {
            t = t.substring(3).strip();
        }
        return t;
    }

    static String read(String path) {
        if (path == null || path.isEmpty() || path.contains("..")) {
            return null;
        }
        try (InputStream in = Gallery.class.getResourceAsStream(ROOT + path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
