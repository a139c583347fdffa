package dev.gkstudio.gatekeeper.bench;

import dev.gkstudio.gatekeeper.audit.Audit;
import dev.gkstudio.gatekeeper.cli.Engines;
import dev.gkstudio.gatekeeper.client.GatekeeperClient;
import dev.gkstudio.gatekeeper.constraint.EnforcementActions;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Audit benchmark: N mixed objects (Pods, Deployments, Services, Namespaces, ConfigMaps) against 20 constraints
 * of 5 templates. Usage: {@code java -cp gatekeeper-cli.jar dev.gkstudio.gatekeeper.bench.AuditBenchmark [objects]}.
 */
public final class AuditBenchmark {
    private static final String[] TEMPLATES = {
        """
        apiVersion: templates.gatekeeper.sh/v1
        kind: ConstraintTemplate
        metadata: {name: benchrequiredlabels}
        spec:
          crd: {spec: {names: {kind: BenchRequiredLabels}, validation: {openAPIV3Schema: {type: object, properties: {labels: {type: array, items: {type: string}}}}}}}
          targets:
          - target: admission.k8s.gatekeeper.sh
            rego: |
              package benchrequiredlabels
              violation[{"msg": msg}] {
                provided := {l | input.review.object.metadata.labels[l]}
                required := {l | l := input.parameters.labels[_]}
                missing := required - provided
                count(missing) > 0
                msg := sprintf("missing labels: %v", [missing])
              }
        """,
        """
        apiVersion: templates.gatekeeper.sh/v1
        kind: ConstraintTemplate
        metadata: {name: benchallowedrepos}
        spec:
          crd: {spec: {names: {kind: BenchAllowedRepos}, validation: {openAPIV3Schema: {type: object, properties: {repos: {type: array, items: {type: string}}}}}}}
          targets:
          - target: admission.k8s.gatekeeper.sh
            rego: |
              package benchallowedrepos
              violation[{"msg": msg}] {
                container := input.review.object.spec.containers[_]
                not startswith_any(container.image, input.parameters.repos)
                msg := sprintf("container <%v> has an invalid image repo <%v>", [container.name, container.image])
              }
              startswith_any(s, prefixes) { startswith(s, prefixes[_]) }
        """,
        """
        apiVersion: templates.gatekeeper.sh/v1
        kind: ConstraintTemplate
        metadata: {name: benchcontainerlimits}
        spec:
          crd: {spec: {names: {kind: BenchContainerLimits}}}
          targets:
          - target: admission.k8s.gatekeeper.sh
            rego: |
              package benchcontainerlimits
              violation[{"msg": msg}] {
                c := input.review.object.spec.containers[_]
                not c.resources.limits.memory
                msg := sprintf("container <%v> has no memory limit", [c.name])
              }
        """,
        """
        apiVersion: templates.gatekeeper.sh/v1
        kind: ConstraintTemplate
        metadata: {name: benchprivileged}
        spec:
          crd: {spec: {names: {kind: BenchPrivileged}}}
          targets:
          - target: admission.k8s.gatekeeper.sh
            rego: |
              package benchprivileged
              violation[{"msg": msg, "details": {}}] {
                c := input.review.object.spec.containers[_]
                c.securityContext.privileged
                msg := sprintf("Privileged container is not allowed: %v", [c.name])
              }
        """,
        """
        apiVersion: templates.gatekeeper.sh/v1
        kind: ConstraintTemplate
        metadata: {name: benchservicetype}
        spec:
          crd: {spec: {names: {kind: BenchServiceType}}}
          targets:
          - target: admission.k8s.gatekeeper.sh
            rego: |
              package benchservicetype
              violation[{"msg": msg}] {
                input.review.kind.kind == "Service"
                input.review.object.spec.type == "LoadBalancer"
                msg := "LoadBalancer services are not allowed"
              }
        """};

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        YamlLoader yaml = new YamlLoader();
        GatekeeperClient client = new GatekeeperClient(Engines.compiler(), EnforcementActions.AUDIT);
        String[] kinds = {"BenchRequiredLabels", "BenchAllowedRepos", "BenchContainerLimits", "BenchPrivileged", "BenchServiceType"};
        for (String t : TEMPLATES) client.addTemplate(TemplateReader.read(yaml.loadOne(t)));
        for (int i = 0; i < 20; i++) {
            String kind = kinds[i % kinds.length];
            String params = switch (kind) {
                case "BenchRequiredLabels" -> "  parameters: {labels: [owner, team" + i + "]}\n";
                case "BenchAllowedRepos" -> "  parameters: {repos: [\"registry.example.com/\", \"mirror" + i + ".example.com/\"]}\n";
                default -> "";
            };
            String match = i % 2 == 0 ? "  match: {kinds: [{apiGroups: ['', apps], kinds: [Pod, Deployment, Service, Namespace]}]}\n"
                    : "  match: {excludedNamespaces: [kube-system], namespaces: ['ns-*']}\n";
            client.addConstraint((ObjectValue) yaml.loadOne("apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: " + kind
                    + "\nmetadata: {name: c" + i + "}\nspec:\n" + match + params).value(), null);
        }
        List<Value> objects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ns = "ns-" + (i % 50);
            String o = switch (i % 5) {
                case 0 -> "apiVersion: v1\nkind: Pod\nmetadata: {name: p" + i + ", namespace: " + ns + ", labels: {owner: a}}\n"
                        + "spec: {containers: [{name: c, image: " + (i % 3 == 0 ? "docker.io/x" : "registry.example.com/x")
                        + ", securityContext: {privileged: " + (i % 7 == 0) + "}, resources: {limits: {memory: 1Gi}}}]}\n";
                case 1 -> "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d" + i + ", namespace: " + ns + "}\n"
                        + "spec: {replicas: 2, template: {spec: {containers: [{name: c, image: nginx}]}}}\n";
                case 2 -> "apiVersion: v1\nkind: Service\nmetadata: {name: s" + i + ", namespace: " + ns + "}\nspec: {type: "
                        + (i % 4 == 0 ? "LoadBalancer" : "ClusterIP") + "}\n";
                case 3 -> "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm" + i + ", namespace: " + ns + "}\ndata: {a: b}\n";
                default -> "apiVersion: v1\nkind: Namespace\nmetadata: {name: ns-" + i + ", labels: {team: t}}\n";
            };
            objects.add(yaml.loadOne(o).value());
        }
        // warm-up on a slice, then the measured run
        Audit.run(client, objects.subList(0, Math.min(500, n)), 20);
        long start = System.nanoTime();
        Map<String, Audit.ConstraintStatus> status = Audit.run(client, objects, 20);
        double secs = (System.nanoTime() - start) / 1e9;
        long total = status.values().stream().mapToLong(Audit.ConstraintStatus::totalViolations).sum();
        System.out.printf(Locale.ROOT, "audited %d objects against %d constraints in %.2f s: %.0f objects/s, %d violations%n",
                n, status.size(), secs, n / secs, total);
    }
}
