package k8sallowedrepos_test

import rego.v1

import data.k8sallowedrepos.violation

pod(image) := {"object": {"spec": {"containers": [{"name": "app", "image": image}]}}}

test_allowed_repo if {
	count(violation) == 0 with input as {"review": pod("registry.example.com/app:1"), "parameters": {"repos": ["registry.example.com/"]}}
}

test_other_repo if {
	some v in violation with input as {"review": pod("docker.io/app:1"), "parameters": {"repos": ["registry.example.com/"]}}
	v.msg == "container <app> has an invalid image repo <docker.io/app:1>"
}
