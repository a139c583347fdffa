package lib.k8s

# Shared helpers for templates that look inside Pod specs (v0 syntax).
# Kinds whose Pod template lives at spec.template.spec.
template_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}

container_fields := {
  "containers": "container",
  "initContainers": "initContainer",
  "ephemeralContainers": "ephemeralContainer",
}

# pod_spec(obj) is the PodSpec of a Pod, of a workload's Pod template or of a CronJob.
pod_spec(obj) = spec {
  obj.kind == "Pod"
  spec := obj.spec
}

pod_spec(obj) = spec {
  template_kinds[obj.kind]
  spec := obj.spec.template.spec
}

pod_spec(obj) = spec {
  obj.kind == "CronJob"
  spec := obj.spec.jobTemplate.spec.template.spec
}

# spec_path(obj) is the field path of that PodSpec, for messages.
spec_path(obj) = "spec" {
  obj.kind == "Pod"
}

spec_path(obj) = "spec.template.spec" {
  template_kinds[obj.kind]
}

spec_path(obj) = "spec.jobTemplate.spec.template.spec" {
  obj.kind == "CronJob"
}

# containers(obj) lists every container, init container and ephemeral container
# as {"field", "name", "label", "container"}; label reads like: initContainer "migrate".
containers(obj) = [entry |
  spec := pod_spec(obj)
  some field
  kind_name := container_fields[field]
  c := spec[field][_]
  name := object.get(c, "name", "")
  entry := {"field": field, "name": name, "label": sprintf("%s %q", [kind_name, name]), "container": c}
]
