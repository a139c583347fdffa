package k8sblockservicetypes

violation[{"msg": msg, "details": {"type": service_type}}] {
  input.review.object.kind == "Service"
  service_type := object.get(input.review.object.spec, "type", "ClusterIP")
  blocked[service_type]
  advice := "expose it through the shared ingress instead"
  msg := sprintf("Service %q has type %s, which is not allowed (blocked types: %s); %s", [
    input.review.object.metadata.name,
    service_type,
    concat(", ", sort([t | blocked[t]])),
    advice,
  ])
}

blocked := {t | t := object.get(input.parameters, "blockedTypes", ["NodePort", "LoadBalancer"])[_]}
