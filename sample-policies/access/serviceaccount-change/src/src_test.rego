package k8srestrictserviceaccountchange_test

import rego.v1

import data.k8srestrictserviceaccountchange

deployment(sa) := {"kind": "Deployment", "metadata": {"namespace": "shop", "name": "web"}, "spec": {"template": {"spec": {"serviceAccountName": sa}}}}

review(user, groups, old, new) := {
	"operation": "UPDATE",
	"userInfo": {"username": user, "groups": groups},
	"oldObject": old,
	"object": new,
}

params := {"allowedUsers": ["admin"], "allowedGroups": ["platform"]}

violations(r) := vs if {
	vs := k8srestrictserviceaccountchange.violation with input as {"review": r, "parameters": params}
}

test_unchanged_service_account if {
	count(violations(review("dev", [], deployment("web"), deployment("web")))) == 0
}

test_change_by_a_developer_is_denied if {
	some v in violations(review("dev", ["devs"], deployment("web"), deployment("admin-sa")))
	v.details == {"user": "dev", "from": "web", "to": "admin-sa"}
}

test_change_by_allowed_user_or_group if {
	count(violations(review("admin", [], deployment("web"), deployment("other")))) == 0
	count(violations(review("someone", ["platform"], deployment("web"), deployment("other")))) == 0
}

test_missing_name_defaults_to_default if {
	old := {"kind": "Deployment", "metadata": {"namespace": "shop", "name": "web"}, "spec": {"template": {"spec": {}}}}
	some v in violations(review("dev", [], old, deployment("builder")))
	v.details.from == "default"
}
