package k8sblockwildcardingress

name := object.get(input.review.object, ["metadata", "name"], "")

violation contains {"msg": msg, "details": {"field": field, "host": host}} if {
  some i, rule in input.review.object.spec.rules
  host := object.get(rule, "host", "")
  contains(host, "*")
  field := sprintf("spec.rules[%d].host", [i])
  msg := sprintf("Ingress %q %s is the wildcard %q; list each hostname explicitly", [name, field, host])
}

violation contains {"msg": msg, "details": {"field": field}} if {
  not input.parameters.allowCatchAll
  some i, rule in input.review.object.spec.rules
  object.get(rule, "host", "") == ""
  field := sprintf("spec.rules[%d].host", [i])
  msg := sprintf("Ingress %q %s is empty, so the rule matches every hostname", [name, field])
}

violation contains {"msg": msg, "details": {"field": "spec.defaultBackend"}} if {
  not input.parameters.allowCatchAll
  input.review.object.spec.defaultBackend
  msg := sprintf("Ingress %q sets spec.defaultBackend, which receives traffic for every unmatched hostname", [name])
}
