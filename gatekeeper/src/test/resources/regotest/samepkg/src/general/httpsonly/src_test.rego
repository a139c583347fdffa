package k8shttpsonly

import rego.v1

ingress(annotations, tls) := {"kind": "Ingress", "metadata": {"annotations": annotations}, "spec": {"tls": tls}}

test_https_ingress if {
	https_complete(ingress({"kubernetes.io/ingress.allow-http": "false"}, [{}]))
	count(violation) == 0 with input as {"review": {"object": ingress({"kubernetes.io/ingress.allow-http": "false"}, [{}])}}
}

test_http_ingress if {
	count(violation) == 1 with input as {"review": {"object": ingress({}, [])}}
}
