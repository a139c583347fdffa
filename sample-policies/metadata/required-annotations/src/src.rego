package k8srequiredannotations

violation contains {"msg": msg, "details": {"missing_annotation": rule.key}} if {
  some rule in input.parameters.annotations
  not rule.key in object.keys(annotations)
  msg := sprintf("%s %q must have the annotation %q", [input.review.object.kind, name, rule.key])
}

violation contains {"msg": msg, "details": {"annotation": rule.key, "value": value}} if {
  some rule in input.parameters.annotations
  value := annotations[rule.key]
  pattern := object.get(rule, "allowedRegex", "")
  pattern != ""
  not regex.match(pattern, value)
  msg := sprintf("%s %q has annotation %s=%q, which does not match %q", [
    input.review.object.kind,
    name,
    rule.key,
    value,
    pattern,
  ])
}

annotations := object.get(input.review.object, ["metadata", "annotations"], {})

name := object.get(input.review.object, ["metadata", "name"], "")
