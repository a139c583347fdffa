package k8srequiredlabelvalues_test

import rego.v1

import data.k8srequiredlabelvalues

params := {"labels": [
	{"key": "team", "description": "owning team"},
	{"key": "env", "allowedRegex": "^(dev|staging|prod)$"},
]}

violations(obj) := vs if {
	vs := k8srequiredlabelvalues.violation with input as {"review": {"object": obj}, "parameters": params}
}

test_labelled_namespace_is_allowed if {
	count(violations({"kind": "Namespace", "metadata": {"name": "shop", "labels": {"team": "a", "env": "prod"}}})) == 0
}

test_missing_label_mentions_its_description if {
	some v in violations({"kind": "Namespace", "metadata": {"name": "shop", "labels": {"env": "dev"}}})
	v.msg == "Namespace \"shop\" is missing the required label \"team\" (owning team)"
}

test_value_outside_pattern if {
	some v in violations({"kind": "Namespace", "metadata": {"name": "shop", "labels": {"team": "a", "env": "qa"}}})
	v.details == {"label": "env", "value": "qa"}
}

test_generate_name_is_used_without_name if {
	some v in violations({"kind": "Namespace", "metadata": {"generateName": "tmp-", "labels": {"env": "dev"}}})
	startswith(v.msg, "Namespace \"tmp-\" is missing")
}
