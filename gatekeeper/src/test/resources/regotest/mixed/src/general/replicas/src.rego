package k8sreplicalimits

import rego.v1

violation contains {"msg": msg} if {
	replicas := input.review.object.spec.replicas
	replicas > input.parameters.max
	msg := sprintf("too many replicas: %v", [replicas])
}

# two complete definitions that disagree: evaluating it is an eval_conflict_error
mode := "strict" if input.parameters.max < 3

mode := "lax" if input.parameters.max > 1
