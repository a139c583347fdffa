package k8sblockservicetypes_test

import rego.v1

import data.k8sblockservicetypes

service(type) := {"kind": "Service", "metadata": {"name": "web"}, "spec": {"type": type}}

test_cluster_ip_is_allowed if {
	count(k8sblockservicetypes.violation) == 0 with input as {"review": {"object": service("ClusterIP")}, "parameters": {}}
}

test_node_port_is_blocked_by_default if {
	some v in k8sblockservicetypes.violation with input as {"review": {"object": service("NodePort")}, "parameters": {}}
	v.details.type == "NodePort"
	contains(v.msg, "(blocked types: LoadBalancer, NodePort)")
}

test_parameters_replace_the_default_list if {
	inp := {"review": {"object": service("NodePort")}, "parameters": {"blockedTypes": ["ExternalName"]}}
	count(k8sblockservicetypes.violation) == 0 with input as inp
}

test_missing_type_means_cluster_ip if {
	inp := {"review": {"object": {"kind": "Service", "metadata": {"name": "web"}, "spec": {}}}, "parameters": {"blockedTypes": ["ClusterIP"]}}
	count(k8sblockservicetypes.violation) == 1 with input as inp
}
