package k8suniqueingresshost_test

import rego.v1

import data.k8suniqueingresshost

ingress(ns, name, host) := {"kind": "Ingress", "metadata": {"namespace": ns, "name": name}, "spec": {"rules": [{"host": host}]}}

inventory := {"namespace": {"shop": {"networking.k8s.io/v1": {"Ingress": {"web": ingress("shop", "web", "shop.example.com")}}}}}

violations(obj) := vs if {
	vs := k8suniqueingresshost.violation with input as {"review": {"object": obj}, "parameters": {}} with data.inventory as inventory
}

test_new_host_is_allowed if {
	count(violations(ingress("blog", "web", "blog.example.com"))) == 0
}

test_host_taken_in_another_namespace if {
	some v in violations(ingress("blog", "web", "Shop.Example.com"))
	v.details == {"host": "shop.example.com", "conflict": "shop/web"}
}

test_update_of_the_same_object_is_allowed if {
	count(violations(ingress("shop", "web", "shop.example.com"))) == 0
}
