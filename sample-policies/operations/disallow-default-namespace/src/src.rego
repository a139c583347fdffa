package k8sdisallowdefaultnamespace

forbidden := {ns | ns := object.get(input.parameters, "namespaces", ["default"])[_]}

# The namespace may come from the manifest or, for an admission request, from the request
# (kubectl apply without a namespace sends it in the URL only).
target_namespaces[input.review.object.metadata.namespace]

target_namespaces[input.review.namespace]

violation[{"msg": msg, "details": {"namespace": ns}}] {
  ns := target_namespaces[_]
  forbidden[ns]
  msg := sprintf("%s %q is in the %q namespace; deploy workloads to a team namespace", [
    input.review.object.kind,
    object.get(input.review.object.metadata, "name", ""),
    ns,
  ])
}
