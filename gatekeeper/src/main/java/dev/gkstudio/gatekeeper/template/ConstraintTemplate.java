package dev.gkstudio.gatekeeper.template;

import dev.gkstudio.gatekeeper.yaml.PositionIndex;
import dev.gkstudio.rego.value.ObjectValue;
import java.util.List;

/**
 * A ConstraintTemplate (any of v1, v1beta1, v1alpha1) in version-independent form.
 *
 * @param apiVersion       as written
 * @param name             metadata.name
 * @param kind             spec.crd.spec.names.kind ("" when absent)
 * @param shortNames       spec.crd.spec.names.shortNames
 * @param parametersSchema spec.crd.spec.validation.openAPIV3Schema, or null
 * @param legacySchema     spec.crd.spec.validation.legacySchema with the version's default
 * @param targets          spec.targets
 * @param raw              the whole object
 * @param positions        where the template's values sit in its source (may be empty)
 */
public record ConstraintTemplate(String apiVersion, String name, String kind, List<String> shortNames,
                                 ObjectValue parametersSchema, boolean legacySchema, List<Target> targets,
                                 ObjectValue raw, PositionIndex positions) {

    /**
     * One spec.targets entry.
     *
     * @param target     the target name
     * @param rego       the Rego to run (legacy rego/libs win over code[engine=Rego]), or null
     * @param engines    engine names of all code[] entries, in order
     * @param operations targets[].operations
     * @param cel        the first code[engine=K8sNativeValidation] entry, or null
     */
    public record Target(String target, RegoCode rego, List<String> engines, List<String> operations, CelCode cel) {
        /** A target without CEL code. */
        public Target(String target, RegoCode rego, List<String> engines, List<String> operations) {
            this(target, rego, engines, operations, null);
        }
    }
}
