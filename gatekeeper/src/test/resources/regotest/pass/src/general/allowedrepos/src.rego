package k8sallowedrepos

import rego.v1

violation contains {"msg": msg} if {
	some container in input.review.object.spec.containers
	not allowed(container.image)
	msg := sprintf("container <%v> has an invalid image repo <%v>", [container.name, container.image])
}

allowed(image) if {
	some repo in input.parameters.repos
	startswith(image, repo)
}
