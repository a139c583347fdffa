package k8shttpsonly

import rego.v1

violation contains {"msg": "Ingress should be https"} if {
	input.review.object.kind == "Ingress"
	not https_complete(input.review.object)
}

https_complete(ingress) if {
	ingress.metadata.annotations["kubernetes.io/ingress.allow-http"] == "false"
	count(ingress.spec.tls) > 0
}
