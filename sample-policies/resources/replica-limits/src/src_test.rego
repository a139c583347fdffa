package k8sreplicalimits_test

import rego.v1

import data.k8sreplicalimits

params := {"minReplicas": 2, "maxReplicas": 10}

violations(obj) := vs if {
	vs := k8sreplicalimits.violation with input as {"review": {"object": obj}, "parameters": params}
}

test_within_range if {
	count(violations({"kind": "Deployment", "metadata": {"name": "web"}, "spec": {"replicas": 3}})) == 0
}

test_omitted_replicas_default_to_one if {
	some v in violations({"kind": "Deployment", "metadata": {"name": "web"}, "spec": {}})
	v.details == {"field": "spec.replicas", "value": 1}
	v.msg == "Deployment \"web\" sets spec.replicas to 1; the minimum is 2"
}

test_hpa_max_above_limit if {
	vs := violations({"kind": "HorizontalPodAutoscaler", "metadata": {"name": "web"}, "spec": {"minReplicas": 2, "maxReplicas": 50}})
	count(vs) == 1
	some v in vs
	v.details.field == "spec.maxReplicas"
}

test_other_kinds_are_ignored if {
	count(violations({"kind": "Pod", "metadata": {"name": "p"}, "spec": {}})) == 0
}
