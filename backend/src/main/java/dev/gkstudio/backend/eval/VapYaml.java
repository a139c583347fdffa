package dev.gkstudio.backend.eval;

import dev.gkstudio.backend.eval.WorkspaceSetup.Constraint;
import dev.gkstudio.gatekeeper.constraint.VapGenerator;

/**
 * The Generated YAML's ValidatingAdmissionPolicy tab and the bundle's {@code vap.yaml}: the policy Gatekeeper
 * generates for a template with K8sNativeValidation code, then one binding per constraint (or, as a comment, why
 * Gatekeeper would not bind it).
 */
final class VapYaml {
    static final String FILE = "vap.yaml";
    /** The tab's text for a template Gatekeeper generates no policy for. */
    static final String NONE =
            "# No ValidatingAdmissionPolicy: Gatekeeper generates one only for templates with K8sNativeValidation (CEL) code.\n";

    private VapYaml() {
    }

    static boolean applies(WorkspaceSetup s) {
        return s.template != null && !s.template.kind().isEmpty() && VapGenerator.cel(s.template) != null;
    }

    /** The policy and its bindings; only for a workspace it {@link #applies} to. */
    static String text(WorkspaceSetup s) {
        StringBuilder sb = new StringBuilder("# ValidatingAdmissionPolicy and bindings as Gatekeeper's VAP generation creates them\n");
        sb.append(YamlWriter.write(VapGenerator.policy(s.template)));
        for (Constraint c : s.constraints) {
            sb.append("---\n");
            try {
                sb.append(YamlWriter.write(VapGenerator.binding(c.value())));
            } catch (IllegalArgumentException e) {
                sb.append("# no binding for ").append(c.info().name()).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }
}
