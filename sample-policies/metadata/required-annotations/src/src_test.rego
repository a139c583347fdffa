package k8srequiredannotations_test

import rego.v1

import data.k8srequiredannotations

params := {"annotations": [{"key": "owner"}, {"key": "contact", "allowedRegex": "^[a-z]+@example\\.com$"}]}

deployment(annotations) := {"kind": "Deployment", "metadata": {"name": "web", "annotations": annotations}}

violations(obj) := vs if {
	vs := k8srequiredannotations.violation with input as {"review": {"object": obj}, "parameters": params}
}

test_all_annotations_present if {
	count(violations(deployment({"owner": "team-a", "contact": "ops@example.com"}))) == 0
}

test_missing_annotation_is_named if {
	some v in violations(deployment({"contact": "ops@example.com"}))
	v.details.missing_annotation == "owner"
	v.msg == "Deployment \"web\" must have the annotation \"owner\""
}

test_value_must_match_pattern if {
	vs := violations(deployment({"owner": "team-a", "contact": "someone@elsewhere.org"}))
	count(vs) == 1
	some v in vs
	v.details == {"annotation": "contact", "value": "someone@elsewhere.org"}
}

test_no_metadata_annotations_reports_each_key if {
	count(violations({"kind": "Deployment", "metadata": {"name": "bare"}})) == 2
}
