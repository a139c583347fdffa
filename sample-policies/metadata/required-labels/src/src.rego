package k8srequiredlabelvalues

violation[{"msg": msg, "details": {"missing_label": key}}] {
  required := input.parameters.labels[_]
  key := required.key
  not present[key]
  msg := sprintf("%s is missing the required label %q%s", [subject, key, hint(required)])
}

violation[{"msg": msg, "details": {"label": key, "value": value}}] {
  required := input.parameters.labels[_]
  key := required.key
  value := labels[key]
  pattern := object.get(required, "allowedRegex", "")
  pattern != ""
  not regex.match(pattern, value)
  msg := sprintf("%s has label %s=%q, which does not match the allowed pattern %q", [subject, key, value, pattern])
}

labels := object.get(object.get(input.review.object, "metadata", {}), "labels", {})

present[key] {
  labels[key]
}

subject = text {
  metadata := object.get(input.review.object, "metadata", {})
  name := object.get(metadata, "name", object.get(metadata, "generateName", ""))
  text := sprintf("%s %q", [input.review.object.kind, name])
}

hint(required) = sprintf(" (%s)", [required.description])

hint(required) = "" {
  not required.description
}
