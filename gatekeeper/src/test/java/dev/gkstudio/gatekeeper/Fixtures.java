package dev.gkstudio.gatekeeper;

import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;

public final class Fixtures {
    private Fixtures() {
    }

    public static YamlDocument doc(String yaml) {
        try {
            return new YamlLoader().loadOne(yaml);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static ObjectValue obj(String yaml) {
        return (ObjectValue) doc(yaml).value();
    }

    public static Value val(String yaml) {
        return doc(yaml).value();
    }

    public static final String TEMPLATE = """
            apiVersion: templates.gatekeeper.sh/v1
            kind: ConstraintTemplate
            metadata:
              name: k8srequiredlabels
            spec:
              crd:
                spec:
                  names:
                    kind: K8sRequiredLabels
                  validation:
                    openAPIV3Schema:
                      type: object
                      properties:
                        labels:
                          type: array
                          items:
                            type: string
                        mode:
                          type: string
                          enum: [strict, lax]
                          default: strict
                        prefix:
                          type: string
                          pattern: "^[a-z]+$"
              targets:
                - target: admission.k8s.gatekeeper.sh
                  rego: |
                    package k8srequiredlabels
                    violation[{"msg": msg}] {
                      msg := "x"
                    }
            """;
}
