package dev.gkstudio.backend.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.gkstudio.backend.eval.WorkspaceSetup.Constraint;
import dev.gkstudio.backend.eval.WorkspaceSetup.Sample;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/**
 * The generated YAML: the ConstraintTemplate, the constraint(s), the Constraint CRD Gatekeeper
 * would create, and a gator Suite with one case per sample that has expectations. The bundle
 * holds the same files laid out so that {@code verify suite.yaml} runs them, and the mutators when there are some.
 */
final class Generator {

    static final String TEMPLATE_FILE = "template.yaml";
    static final String INVENTORY_FILE = "inventory.yaml";
    static final String SUITE_FILE = "suite.yaml";
    static final String MUTATORS_FILE = "mutators.yaml";
    static final String CRD_FILE = "constraint-crd.yaml";

    private Generator() {
    }

    static Evaluation.Generated generate(WorkspaceSetup s) {
        Map<String, String> files = files(s);
        return new Evaluation.Generated(files.get(TEMPLATE_FILE), s.workspace.constraints(),
                files.getOrDefault(CRD_FILE, ""), files.get(SUITE_FILE), files.getOrDefault(VapYaml.FILE, VapYaml.NONE));
    }

    static Map<String, String> files(WorkspaceSetup s) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(TEMPLATE_FILE, YamlWriter.write(s.templateObject));
        List<String> constraintFiles = new ArrayList<>();
        for (Constraint c : s.constraints) {
            String file = s.constraints.size() == 1 ? "constraint.yaml"
                    : "constraint-" + (constraintFiles.size() + 1) + "-" + fileName(c.info().name()) + ".yaml";
            constraintFiles.add(file);
            files.put(file, c.doc().text().strip() + "\n");
        }
        if (!s.mutations.mutators().isEmpty()) {
            files.put(MUTATORS_FILE, s.workspace.mutators().strip() + "\n");
        }
        boolean inventory = !s.inventoryObjects.isEmpty();
        if (inventory) {
            files.put(INVENTORY_FILE, s.workspace.inventory().strip() + "\n");
        }
        List<Value> cases = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Sample sample : s.samples) {
            if (sample.doc().expectations().isEmpty() || sample.value() == null) {
                continue;
            }
            String name = unique(fileName(WorkspaceSetup.displayName(sample)), used);
            String file = "samples/" + name + ".yaml";
            files.put(file, sample.mutation() == null ? sample.doc().text().strip() + "\n"
                    : sample.mutation().storedText());
            List<Value> assertions = new ArrayList<>();
            for (Expectation e : sample.doc().expectations()) {
                ObjectValue.Builder a = ObjectValue.builder();
                a.put("violations", e.violations().matches("\\d+")
                        ? NumberValue.of(Long.parseLong(e.violations())) : StringValue.of(e.violations()));
                if (e.message() != null) {
                    a.put("message", StringValue.of(e.message()));
                }
                assertions.add(a.build());
            }
            ObjectValue.Builder c = ObjectValue.builder()
                    .put("name", StringValue.of(name))
                    .put("object", StringValue.of(file));
            if (inventory) {
                c.put("inventory", ArrayValue.of(List.of(StringValue.of(INVENTORY_FILE))));
            }
            c.put("assertions", ArrayValue.of(assertions));
            cases.add(c.build());
        }
        List<Value> tests = new ArrayList<>();
        for (int i = 0; i < s.constraints.size(); i++) {
            Constraint c = s.constraints.get(i);
            tests.add(ObjectValue.builder()
                    .put("name", StringValue.of(c.info().name().isEmpty() ? "constraint-" + (i + 1) : c.info().name()))
                    .put("template", StringValue.of(TEMPLATE_FILE))
                    .put("constraint", StringValue.of(constraintFiles.get(i)))
                    .put("cases", ArrayValue.of(cases))
                    .build());
        }
        ObjectValue suite = ObjectValue.builder()
                .put("kind", StringValue.of("Suite"))
                .put("apiVersion", StringValue.of("test.gatekeeper.sh/v1alpha1"))
                .put("metadata", ObjectValue.builder()
                        .put("name", StringValue.of(s.template.name().isEmpty() ? "studio" : s.template.name()))
                        .build())
                .put("tests", ArrayValue.of(tests))
                .build();
        String crd = WorkspaceEvaluator.crd(s);
        if (!crd.isEmpty()) {
            files.put(CRD_FILE, crd);
        }
        if (VapYaml.applies(s)) {
            files.put(VapYaml.FILE, VapYaml.text(s));
        }
        files.put(SUITE_FILE, "# gator verify suite.yaml — one case per sample with an \"# expect:\" comment\n"
                + YamlWriter.write(suite));
        return files;
    }

    static String fileName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
        return n.isEmpty() ? "sample" : n.length() > 60 ? n.substring(0, 60) : n;
    }

    private static String unique(String name, Set<String> used) {
        String n = name;
        for (int i = 2; !used.add(n); i++) {
            n = name + "-" + i;
        }
        return n;
    }
}
