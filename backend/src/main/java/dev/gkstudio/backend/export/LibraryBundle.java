package dev.gkstudio.backend.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.gkstudio.backend.eval.Expectation;
import dev.gkstudio.backend.eval.SampleDocument;
import dev.gkstudio.backend.eval.Workspace;
import dev.gkstudio.backend.eval.WorkspaceEvaluator;
import dev.gkstudio.backend.eval.YamlWriter;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/**
 * A workspace as a policy directory of the
 * <a href="https://github.com/open-policy-agent/gatekeeper-library">gatekeeper-library</a>:
 * <pre>
 * template.yaml
 * samples/&lt;constraint-name&gt;/constraint.yaml
 * samples/&lt;constraint-name&gt;/example_allowed*.yaml       samples expected to pass ({@code # expect: allowed})
 * samples/&lt;constraint-name&gt;/example_disallowed*.yaml    samples expected to violate
 * samples/&lt;constraint-name&gt;/example_inventory.yaml      the inventory, when there is one
 * suite.yaml                                             gator Suite: one test per constraint
 * src/src.rego, src/src_test.rego, src/lib/lib_&lt;i&gt;.rego  the Rego and its unit tests, when the workspace has
 *                                                        tests ({@code gkstudio rego test src/}, {@code opa test src/})
 * mutators.yaml                                          the mutators, when there are some
 * </pre>
 * A sample the mutators change is written as they leave it: gator verify does not mutate, and the Studio's
 * expectations are about the object the API server would store.
 * Only samples with an {@code # expect:} comment become cases (the others assert nothing). With
 * several constraints each gets its own samples directory with every case: the Studio's
 * expectations are about all constraints together, so such a suite can fail per constraint.
 */
public final class LibraryBundle {

    /** The files (path → text, in order) and what was left out. */
    public record Bundle(String name, Map<String, String> files, List<String> warnings) {

        /** The files as a zip, under a top directory named after the template. */
        public byte[] zip() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, String> f : files.entrySet()) {
                    ZipEntry e = new ZipEntry(name + "/" + f.getKey());
                    e.setTime(0L);
                    zip.putNextEntry(e);
                    zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }

    static final String TEMPLATE = "template.yaml";
    static final String SUITE = "suite.yaml";
    static final String MUTATORS = "mutators.yaml";

    private final WorkspaceEvaluator evaluator;
    private final YamlLoader yaml = new YamlLoader(WorkspaceEvaluator.MAX_TEXT_CHARS, 256, 500_000);

    public LibraryBundle(WorkspaceEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** The generated ConstraintTemplate YAML of a workspace. */
    public String templateYaml(Workspace w) {
        return evaluator.bundle(w).get(TEMPLATE);
    }

    /** The non-empty constraint documents of a workspace, as written. */
    public static List<String> constraintDocuments(Workspace w) {
        return SampleDocument.split(w.constraints()).stream().map(d -> d.text().strip() + "\n").toList();
    }

    public Bundle build(Workspace w) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> files = new LinkedHashMap<>();
        files.put(TEMPLATE, templateYaml(w));

        // samples with expectations, classified once
        record Case(String slug, boolean allowed, SampleDocument doc) {
        }
        List<Case> cases = new ArrayList<>();
        Set<String> usedSlugs = new HashSet<>();
        for (SampleDocument doc : SampleDocument.split(w.samples())) {
            String label = doc.caseName() != null ? doc.caseName() : "sample " + (doc.index() + 1);
            if (doc.expectations().isEmpty()) {
                warnings.add(label + ": no \"# expect:\" comment, left out of the suite");
                continue;
            }
            Value v;
            try {
                v = yaml.loadOne(doc.text()).value();
            } catch (YamlException e) {
                warnings.add(label + ": not valid YAML, left out (" + e.getMessage() + ")");
                continue;
            }
            if (!(v instanceof ObjectValue)) {
                warnings.add(label + ": not an object, left out");
                continue;
            }
            if (doc.expectations().stream().anyMatch(e -> e.error() != null)) {
                warnings.add(label + ": unreadable \"# expect:\" comment, left out");
                continue;
            }
            boolean allowed = doc.expectations().stream().allMatch(e -> "no".equals(e.violations()) && e.message() == null);
            String base = doc.caseName() != null ? doc.caseName() : Obj.name(v);
            cases.add(new Case(unique(slug(base.isEmpty() ? "sample-" + (doc.index() + 1) : base), usedSlugs), allowed, doc));
        }

        // the workspace is evaluated again only when mutators can have changed a sample
        String mutators = mutatorDocuments(w);
        Map<Integer, String> stored = mutators.isEmpty() ? Map.of() : evaluator.storedSamples(w);
        List<SampleDocument> constraintDocs = SampleDocument.split(w.constraints());
        if (constraintDocs.isEmpty()) {
            warnings.add("no constraint: the suite has no tests");
        }
        boolean inventory = !SampleDocument.split(w.inventory()).isEmpty();
        List<Value> tests = new ArrayList<>();
        Set<String> usedDirs = new HashSet<>();
        for (int i = 0; i < constraintDocs.size(); i++) {
            SampleDocument c = constraintDocs.get(i);
            String cname = "";
            try {
                YamlDocument d = yaml.loadOne(c.text());
                cname = Obj.name(d.value());
            } catch (YamlException e) {
                warnings.add("constraint " + (i + 1) + ": not valid YAML (" + e.getMessage() + ")");
            }
            String dirName = unique(slug(cname.isEmpty() ? "constraint-" + (i + 1) : cname), usedDirs);
            String dir = "samples/" + dirName + "/";
            files.put(dir + "constraint.yaml", c.text().strip() + "\n");
            if (inventory) {
                files.put(dir + "example_inventory.yaml", w.inventory().strip() + "\n");
            }
            long allowedCount = cases.stream().filter(Case::allowed).count();
            long disallowedCount = cases.size() - allowedCount;
            List<Value> suiteCases = new ArrayList<>();
            for (Case k : cases) {
                String prefix = k.allowed() ? "example_allowed" : "example_disallowed";
                String file = dir + prefix + ((k.allowed() ? allowedCount : disallowedCount) == 1 ? "" : "_" + k.slug().replace('-', '_')) + ".yaml";
                files.put(file, stored.getOrDefault(k.doc().index(), k.doc().text().strip() + "\n"));
                List<Value> assertions = new ArrayList<>();
                for (Expectation e : k.doc().expectations()) {
                    ObjectValue.Builder a = ObjectValue.builder();
                    a.put("violations", e.violations().matches("\\d+")
                            ? NumberValue.of(Long.parseLong(e.violations())) : StringValue.of(e.violations()));
                    if (e.message() != null) {
                        a.put("message", StringValue.of(e.message()));
                    }
                    assertions.add(a.build());
                }
                ObjectValue.Builder sc = ObjectValue.builder()
                        .put("name", StringValue.of(k.slug()))
                        .put("object", StringValue.of(file));
                if (inventory) {
                    sc.put("inventory", ArrayValue.of(List.of(StringValue.of(dir + "example_inventory.yaml"))));
                }
                sc.put("assertions", ArrayValue.of(assertions));
                suiteCases.add(sc.build());
            }
            tests.add(ObjectValue.builder()
                    .put("name", StringValue.of(dirName))
                    .put("template", StringValue.of(TEMPLATE))
                    .put("constraint", StringValue.of(dir + "constraint.yaml"))
                    .put("cases", ArrayValue.of(suiteCases))
                    .build());
        }
        if (constraintDocs.size() > 1 && !cases.isEmpty()) {
            warnings.add("several constraints: each test runs every case against one constraint, "
                    + "while the Studio's expectations count the violations of all of them");
        }
        String name = bundleName(w);
        ObjectValue suite = ObjectValue.builder()
                .put("kind", StringValue.of("Suite"))
                .put("apiVersion", StringValue.of("test.gatekeeper.sh/v1alpha1"))
                .put("metadata", ObjectValue.builder().put("name", StringValue.of(name)).build())
                .put("tests", ArrayValue.of(tests))
                .build();
        files.put(SUITE, YamlWriter.write(suite));
        if (!w.tests().isEmpty()) {
            files.put("src/src.rego", w.template().rego());
            for (int i = 0; i < w.template().libs().size(); i++) {
                files.put("src/lib/lib_" + i + ".rego", w.template().libs().get(i));
            }
            for (int i = 0; i < w.tests().size(); i++) {
                files.put("src/" + Workspace.testFile(i), w.tests().get(i));
            }
        }
        if (!mutators.isEmpty()) {
            files.put(MUTATORS, mutators);
        }
        return new Bundle(name, files, List.copyOf(warnings));
    }

    /** The mutator documents of a workspace as written, "" when there are none (comments alone are none). */
    static String mutatorDocuments(Workspace w) {
        List<String> docs = SampleDocument.split(w.mutators()).stream().map(d -> d.text().strip() + "\n").toList();
        return String.join("---\n", docs);
    }

    /** The template and the constraint(s) in one multi-document YAML, template first. */
    public String multiDocument(Workspace w) {
        StringBuilder sb = new StringBuilder(templateYaml(w).strip()).append('\n');
        for (String c : constraintDocuments(w)) {
            sb.append("---\n").append(c);
        }
        return sb.toString();
    }

    /**
     * The shell commands that apply the policy with kubectl: the template, a wait until
     * Gatekeeper has created the constraint's CRD, then the constraint(s).
     */
    public String kubectl(Workspace w) throws InvalidNames {
        List<String> problems = KubernetesNames.problems(w.template());
        if (!problems.isEmpty()) {
            throw new InvalidNames(problems);
        }
        String template = templateYaml(w).strip() + "\n";
        List<String> constraints = constraintDocuments(w);
        String templateName = KubernetesNames.shellQuote(KubernetesNames.templateName(w.template()));
        StringBuilder sb = new StringBuilder();
        sb.append("# 1. The ConstraintTemplate. Gatekeeper compiles it and creates the CRD of kind ")
                .append(w.template().kind()).append(".\n");
        heredoc(sb, template);
        sb.append("\n# 2. The template must be established before the constraint: wait until Gatekeeper reports it created\n")
                .append("#    (on errors, see: kubectl get constrainttemplate ").append(templateName)
                .append(" -o jsonpath='{.status.byPod[*].errors}').\n")
                .append("kubectl wait --for=jsonpath='{.status.created}'=true constrainttemplate/").append(templateName)
                .append(" --timeout=60s\n");
        if (constraints.isEmpty()) {
            sb.append("\n# 3. (no constraint in the workspace)\n");
        } else {
            sb.append("\n# 3. The constraint").append(constraints.size() > 1 ? "s" : "").append(".\n");
            heredoc(sb, String.join("---\n", constraints));
        }
        String mutators = mutatorDocuments(w);
        if (!mutators.isEmpty()) {
            sb.append("\n# 4. The mutators (Gatekeeper applies them to new and updated objects).\n");
            heredoc(sb, mutators);
        }
        return sb.toString();
    }

    /** The template's name or kind break Kubernetes' naming rules: no commands are generated. */
    public static final class InvalidNames extends Exception {
        private final List<String> problems;

        InvalidNames(List<String> problems) {
            super("no kubectl commands: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        /** {@code path: message} per problem. */
        public List<String> problems() {
            return problems;
        }
    }

    private static void heredoc(StringBuilder sb, String text) {
        String delimiter = "EOF";
        for (int i = 1; text.lines().anyMatch(delimiter::equals); i++) {
            delimiter = "EOF_" + i;
        }
        sb.append("kubectl apply -f - <<'").append(delimiter).append("'\n").append(text);
        if (!text.endsWith("\n")) {
            sb.append('\n');
        }
        sb.append(delimiter).append('\n');
    }

    /** The zip's top directory and file name: a slug of the template's name or kind (no '/', never "." or ".."). */
    public static String bundleName(Workspace w) {
        String n = !w.template().name().isEmpty() ? w.template().name() : w.template().kind();
        String s = slug(n);
        return s.equals("sample") ? "policy" : s;
    }

    static String slug(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        if (n.length() > 60) {
            n = n.substring(0, 60).replaceAll("[-.]+$", "");
        }
        return n.isEmpty() ? "sample" : n;
    }

    private static String unique(String name, Set<String> used) {
        String n = name;
        for (int i = 2; !used.add(n); i++) {
            n = name + "-" + i;
        }
        return n;
    }
}
