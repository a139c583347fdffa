package k8sreplicalimits

scalable_kinds := {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}

# spec.replicas defaults to 1 when omitted.
replica_counts contains {"field": "spec.replicas", "value": value} if {
  input.review.object.kind in scalable_kinds
  value := object.get(input.review.object, ["spec", "replicas"], 1)
}

replica_counts contains {"field": "spec.minReplicas", "value": value} if {
  input.review.object.kind == "HorizontalPodAutoscaler"
  value := object.get(input.review.object, ["spec", "minReplicas"], 1)
}

replica_counts contains {"field": "spec.maxReplicas", "value": input.review.object.spec.maxReplicas} if {
  input.review.object.kind == "HorizontalPodAutoscaler"
}

violation contains {"msg": msg, "details": count_info} if {
  some count_info in replica_counts
  count_info.value < input.parameters.minReplicas
  msg := sprintf("%s %q sets %s to %v; the minimum is %v", [
    input.review.object.kind,
    name,
    count_info.field,
    count_info.value,
    input.parameters.minReplicas,
  ])
}

violation contains {"msg": msg, "details": count_info} if {
  some count_info in replica_counts
  count_info.value > input.parameters.maxReplicas
  msg := sprintf("%s %q sets %s to %v; the maximum is %v", [
    input.review.object.kind,
    name,
    count_info.field,
    count_info.value,
    input.parameters.maxReplicas,
  ])
}

name := object.get(input.review.object, ["metadata", "name"], "")
