package k8sdisallowdefaultnamespace_test

import rego.v1

import data.k8sdisallowdefaultnamespace

pod(ns) := {"kind": "Pod", "metadata": {"name": "p", "namespace": ns}}

test_team_namespace_is_allowed if {
	count(k8sdisallowdefaultnamespace.violation) == 0 with input as {"review": {"object": pod("team-a")}, "parameters": {}}
}

test_default_namespace_is_denied if {
	some v in k8sdisallowdefaultnamespace.violation with input as {"review": {"object": pod("default")}, "parameters": {}}
	v.msg == "Pod \"p\" is in the \"default\" namespace; deploy workloads to a team namespace"
}

test_namespace_from_the_request if {
	inp := {"review": {"object": {"kind": "Pod", "metadata": {"name": "p"}}, "namespace": "default"}, "parameters": {}}
	count(k8sdisallowdefaultnamespace.violation) == 1 with input as inp
}

test_parameters_list_other_namespaces if {
	inp := {"review": {"object": pod("kube-public")}, "parameters": {"namespaces": ["kube-public"]}}
	count(k8sdisallowdefaultnamespace.violation) == 1 with input as inp
}
