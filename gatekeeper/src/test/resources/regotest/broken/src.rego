package broken

import rego.v1

violation contains msg if {
	msg := sprintf("%v", [undefined_var])
}
