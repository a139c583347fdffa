package k8sexemptns

import rego.v1

exempt if input.review.object.metadata.namespace in data.general.exemptns.config.namespaces

violation contains {"msg": "namespace is not exempt"} if not exempt
