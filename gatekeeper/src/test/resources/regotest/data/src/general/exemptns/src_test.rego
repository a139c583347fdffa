package k8sexemptns_test

import rego.v1

import data.k8sexemptns

test_data_file_lands_under_its_directory if {
	data.general.exemptns.config.namespaces == ["kube-system", "gatekeeper-system"]
}

test_exempt_namespace if {
	count(k8sexemptns.violation) == 0 with input as {"review": {"object": {"metadata": {"namespace": "kube-system"}}}}
}

test_other_namespace if {
	count(k8sexemptns.violation) == 1 with input as {"review": {"object": {"metadata": {"namespace": "default"}}}}
}
