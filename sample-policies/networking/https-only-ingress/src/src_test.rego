package k8shttpsonlyingress_test

import rego.v1

import data.k8shttpsonlyingress

params := {"httpDisabledAnnotations": [{"key": "kubernetes.io/ingress.allow-http", "value": "false"}]}

ingress(annotations, spec) := {"kind": "Ingress", "metadata": {"name": "web", "annotations": annotations}, "spec": spec}

violations(obj) := vs if {
	vs := k8shttpsonlyingress.violation with input as {"review": {"object": obj}, "parameters": params}
}

no_http := {"kubernetes.io/ingress.allow-http": "false"}

test_tls_covering_every_host if {
	spec := {"tls": [{"hosts": ["shop.example.com"]}], "rules": [{"host": "shop.example.com"}]}
	count(violations(ingress(no_http, spec))) == 0
}

test_no_tls_at_all if {
	some v in violations(ingress(no_http, {"rules": [{"host": "shop.example.com"}]}))
	v.msg == "Ingress \"web\" has no spec.tls entries; HTTPS is required"
}

test_wildcard_covers_exactly_one_label if {
	spec := {"tls": [{"hosts": ["*.example.com"]}], "rules": [{"host": "api.example.com"}, {"host": "a.b.example.com"}]}
	vs := violations(ingress(no_http, spec))
	count(vs) == 1
	some v in vs
	v.details.host == "a.b.example.com"
}

test_plain_http_must_be_disabled if {
	spec := {"tls": [{"hosts": ["shop.example.com"]}], "rules": [{"host": "shop.example.com"}]}
	some v in violations(ingress({}, spec))
	contains(v.msg, "kubernetes.io/ingress.allow-http=false")
}
