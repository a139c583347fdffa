package k8sblockwildcardingress_test

import rego.v1

import data.k8sblockwildcardingress

ingress(spec) := {"kind": "Ingress", "metadata": {"name": "web"}, "spec": spec}

violations(spec, params) := vs if {
	vs := k8sblockwildcardingress.violation with input as {"review": {"object": ingress(spec)}, "parameters": params}
}

test_explicit_hosts_are_allowed if {
	count(violations({"rules": [{"host": "shop.example.com"}]}, {})) == 0
}

test_wildcard_host_names_the_field if {
	some v in violations({"rules": [{"host": "shop.example.com"}, {"host": "*.example.com"}]}, {})
	v.details == {"field": "spec.rules[1].host", "host": "*.example.com"}
}

test_empty_host_is_a_catch_all if {
	count(violations({"rules": [{"http": {}}]}, {})) == 1
}

test_catch_all_allowed_by_parameter if {
	count(violations({"rules": [{"http": {}}], "defaultBackend": {"service": {}}}, {"allowCatchAll": true})) == 0
}
