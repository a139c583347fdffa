package k8shttpsonlyingress

ingress := input.review.object

name := object.get(ingress.metadata, "name", "")

violation[{"msg": msg}] {
  count(object.get(ingress.spec, "tls", [])) == 0
  msg := sprintf("Ingress %q has no spec.tls entries; HTTPS is required", [name])
}

violation[{"msg": msg, "details": {"host": host}}] {
  count(object.get(ingress.spec, "tls", [])) > 0
  some i
  host := ingress.spec.rules[i].host
  not covered(host)
  msg := sprintf("Ingress %q spec.rules[%v].host %q is not covered by any spec.tls[].hosts entry", [name, i, host])
}

violation[{"msg": msg}] {
  count(redirect_annotations) > 0
  not http_disabled
  msg := sprintf("Ingress %q must disable plain HTTP with one of these annotations: %s", [
    name,
    concat(", ", sort(redirect_annotations)),
  ])
}

redirect_annotations := [sprintf("%s=%s", [a.key, a.value]) | a := input.parameters.httpDisabledAnnotations[_]]

http_disabled {
  a := input.parameters.httpDisabledAnnotations[_]
  ingress.metadata.annotations[a.key] == a.value
}

covered(host) {
  ingress.spec.tls[_].hosts[_] == host
}

# "*.example.com" covers exactly one extra label: "api.example.com", not "a.b.example.com".
covered(host) {
  pattern := ingress.spec.tls[_].hosts[_]
  startswith(pattern, "*.")
  suffix := substring(pattern, 1, -1)
  endswith(host, suffix)
  label := trim_suffix(host, suffix)
  label != ""
  not contains(label, ".")
}
