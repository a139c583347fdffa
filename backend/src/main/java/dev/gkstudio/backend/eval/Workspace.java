package dev.gkstudio.backend.eval;

import java.util.List;
import java.util.Map;

/**
 * Everything the editors hold, as the browser sends it with every edit.
 *
 * @param template    the template's parts
 * @param constraints constraint YAML (one or more documents)
 * @param samples     sample objects and AdmissionReviews (YAML or JSON documents, with {@code # expect:} comments)
 * @param inventory   objects for {@code data.inventory} (YAML documents)
 * @param tests       Rego unit test modules ({@code *_test.rego}: {@code test_*} rules), run beside the template
 * @param providers   mocked external data providers (YAML: provider name → {@code responses} / {@code errors} per
 *                    key, or a {@code system_error}), what Gatekeeper's {@code external_data} answers from
 * @param mutators    Gatekeeper mutators (Assign, AssignMetadata, ModifySet, AssignImage YAML documents) applied to
 *                    each sample before validation, as the mutating webhook runs before the validating one
 */
public record Workspace(Template template, String constraints, String samples, String inventory, List<String> tests,
                        String providers, String mutators) {

    public Workspace {
        template = template == null ? new Template(null, null, null, null, null, null, null) : template;
        constraints = constraints == null ? "" : constraints;
        samples = samples == null ? "" : samples;
        inventory = inventory == null ? "" : inventory;
        tests = tests == null ? List.of() : List.copyOf(tests);
        providers = providers == null ? "" : providers;
        mutators = mutators == null ? "" : mutators;
    }

    public Workspace(Template template, String constraints, String samples, String inventory) {
        this(template, constraints, samples, inventory, List.of(), "", "");
    }

    public Workspace(Template template, String constraints, String samples, String inventory, List<String> tests) {
        this(template, constraints, samples, inventory, tests, "", "");
    }

    public Workspace(Template template, String constraints, String samples, String inventory, List<String> tests,
                     String providers) {
        this(template, constraints, samples, inventory, tests, providers, "");
    }

    /** The file name a test module has in the Studio and in an exported bundle. */
    public static String testFile(int i) {
        return i == 0 ? "src_test.rego" : "src_" + (i + 1) + "_test.rego";
    }

    /**
     * A ConstraintTemplate split into what the Studio edits separately.
     *
     * @param rego        the entry-point module
     * @param libs        library modules
     * @param regoVersion "v0" or "v1" ({@code source.version})
     * @param kind        spec.crd.spec.names.kind
     * @param name        metadata.name
     * @param schema      the parameters' openAPIV3Schema as YAML text ("" for none)
     * @param annotations metadata.annotations, kept as given
     */
    public record Template(String rego, List<String> libs, String regoVersion, String kind, String name,
                           String schema, Map<String, String> annotations) {
        public Template {
            rego = rego == null ? "" : rego;
            libs = libs == null ? List.of() : List.copyOf(libs);
            regoVersion = "v1".equals(regoVersion) ? "v1" : "v0";
            kind = kind == null ? "" : kind;
            name = name == null ? "" : name;
            schema = schema == null ? "" : schema;
            annotations = annotations == null ? Map.of() : annotations;
        }

        public boolean v1() {
            return "v1".equals(regoVersion);
        }
    }
}
