package k8suniqueingresshost

# Requires Gatekeeper to sync Ingresses into data.inventory (Config spec.sync.syncOnly).
violation[{"msg": msg, "details": {"host": host, "conflict": conflict}}] {
  host := lower(input.review.object.spec.rules[_].host)
  some other_ns, group_version, other_name
  other := data.inventory.namespace[other_ns][group_version].Ingress[other_name]
  not same_object(other_ns, other_name, input.review.object)
  lower(other.spec.rules[_].host) == host
  conflict := sprintf("%s/%s", [other_ns, other_name])
  msg := sprintf("Ingress host %q is already used by Ingress %s/%s (%s); hosts must be unique across namespaces", [
    host,
    other_ns,
    other_name,
    group_version,
  ])
}

# An UPDATE sees the stored copy of the object itself in the inventory.
same_object(ns, name, obj) {
  ns == obj.metadata.namespace
  name == obj.metadata.name
}
