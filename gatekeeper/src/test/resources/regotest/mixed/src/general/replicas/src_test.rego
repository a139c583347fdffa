package k8sreplicalimits_test

import rego.v1

import data.k8sreplicalimits

params := {"max": 2}

test_too_many if {
	count(k8sreplicalimits.violation) == 1 with input as {"review": {"object": {"spec": {"replicas": 5}}}, "parameters": params}
}

test_wrong_expectation if {
	print("replicas checked against", params.max)
	count(k8sreplicalimits.violation) == 1 with input as {"review": {"object": {"spec": {"replicas": 1}}}, "parameters": params}
}

test_mode_conflict if {
	k8sreplicalimits.mode == "strict" with input as {"parameters": params}
}

todo_test_scale_subresource if {
	false
}
