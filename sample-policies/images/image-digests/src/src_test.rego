package k8srequireimagedigests_test

import rego.v1

import data.k8srequireimagedigests

digest := concat("", ["@sha256:", concat("", [x | some _ in numbers.range(1, 64); x := "a"])])

pod(images) := {"kind": "Pod", "spec": {"containers": [{"name": sprintf("c%d", [i]), "image": img} | some i, img in images]}}

violations(obj, exempt) := vs if {
	vs := k8srequireimagedigests.violation with input as {"review": {"object": obj}, "parameters": {"exemptImages": exempt}}
}

test_pinned_image_is_allowed if {
	count(violations(pod([concat("", ["registry.example.com/app", digest])]), [])) == 0
}

test_tag_only_image_is_denied if {
	some v in violations(pod(["registry.example.com/app:1.0"]), [])
	v.details == {"container": "c0", "image": "registry.example.com/app:1.0"}
}

test_exempt_prefix if {
	count(violations(pod(["registry.example.com/app:1.0"]), ["registry.example.com/"])) == 0
}

test_init_containers_are_checked_through_the_library if {
	obj := {"kind": "Deployment", "spec": {"template": {"spec": {"initContainers": [{"name": "migrate", "image": "db:latest"}]}}}}
	some v in violations(obj, [])
	startswith(v.msg, "initContainer \"migrate\" uses image \"db:latest\"")
}
