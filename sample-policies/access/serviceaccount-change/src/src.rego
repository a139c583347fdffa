package k8srestrictserviceaccountchange

template_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}

pod_spec(obj) := spec if {
  obj.kind in template_kinds
  spec := obj.spec.template.spec
}

pod_spec(obj) := spec if {
  obj.kind == "CronJob"
  spec := obj.spec.jobTemplate.spec.template.spec
}

# serviceAccount is the deprecated alias of serviceAccountName; both default to "default".
service_account(obj) := name if {
  spec := pod_spec(obj)
  name := object.get(spec, "serviceAccountName", object.get(spec, "serviceAccount", "default"))
}

username := object.get(input.review.userInfo, "username", "")

authorized if username in object.get(input.parameters, "allowedUsers", [])

authorized if {
  some group in object.get(input.review.userInfo, "groups", [])
  group in object.get(input.parameters, "allowedGroups", [])
}

violation contains {"msg": msg, "details": {"user": username, "from": old_sa, "to": new_sa}} if {
  input.review.operation == "UPDATE"
  old_sa := service_account(input.review.oldObject)
  new_sa := service_account(input.review.object)
  old_sa != new_sa
  not authorized
  obj := input.review.object
  msg := sprintf("user %q may not change the service account of %s %s/%s from %q to %q; ask a platform administrator", [
    username,
    obj.kind,
    obj.metadata.namespace,
    obj.metadata.name,
    old_sa,
    new_sa,
  ])
}
