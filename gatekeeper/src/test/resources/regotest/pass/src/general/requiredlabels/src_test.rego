package k8srequiredlabels_test

import rego.v1

import data.k8srequiredlabels.violation

review(labels) := {"object": {"metadata": {"name": "demo", "labels": labels}}}

test_label_missing if {
	results := violation with input as {"review": review({}), "parameters": {"labels": ["owner"]}}
	count(results) == 1
}

test_label_present if {
	results := violation with input as {"review": review({"owner": "me"}), "parameters": {"labels": ["owner"]}}
	count(results) == 0
}
