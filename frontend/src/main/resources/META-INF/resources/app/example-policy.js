// What a first-time visitor sees: Gatekeeper's classic "allowed repos" policy, a constraint
// that applies it, and one Pod that passes and one that does not.

export const TEMPLATE_KIND = 'K8sAllowedRepos';
export const TEMPLATE_NAME = 'k8sallowedrepos';
export const SCHEMA_YAML = `type: object
properties:
  repos:
    type: array
    description: Allowed image repository prefixes.
    items:
      type: string
`;

export const TEMPLATE_REGO = `package k8sallowedrepos

# Every container image must come from one of the allowed repositories.
violation[{"msg": msg}] {
  container := input.review.object.spec.containers[_]
  not allowed(container.image)
  msg := sprintf("container <%v> has an invalid image repo <%v>, allowed repos are %v",
    [container.name, container.image, input.parameters.repos])
}

allowed(image) {
  some i
  startswith(image, input.parameters.repos[i])
}
`;

export const CONSTRAINT_YAML = `apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sAllowedRepos
metadata:
  name: repo-is-openpolicyagent
spec:
  match:
    kinds:
      - apiGroups: [""]
        kinds: ["Pod"]
    namespaces: ["default"]
  parameters:
    repos:
      - "openpolicyagent/"
`;

export const SAMPLES_YAML = `# Objects to test the constraint against, one YAML document each.
# expect: allowed
apiVersion: v1
kind: Pod
metadata:
  name: opa-allowed
  namespace: default
spec:
  containers:
    - name: opa
      image: openpolicyagent/opa:0.9.2
---
# expect: 1 violation /invalid image repo/
apiVersion: v1
kind: Pod
metadata:
  name: nginx-disallowed
  namespace: default
spec:
  containers:
    - name: nginx
      image: nginx:1.27
`;
