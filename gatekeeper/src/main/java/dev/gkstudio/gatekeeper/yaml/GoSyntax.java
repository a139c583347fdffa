package dev.gkstudio.gatekeeper.yaml;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/** Go's {@code %#v} of a value go-yaml decoded into {@code interface{}}, as its error messages show it. */
final class GoSyntax {
    private GoSyntax() {
    }

    static String of(Value v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb, false);
        return sb.toString();
    }

    private static void write(Value v, StringBuilder sb, boolean typed) {
        if (v instanceof ObjectValue o) {
            sb.append("map[interface {}]interface {}{");
            boolean first = true;
            for (Value k : o.keys()) {
                if (!first) sb.append(", ");
                first = false;
                write(k, sb, true);
                sb.append(':');
                write(o.get(k), sb, true);
            }
            sb.append('}');
        } else if (v instanceof ArrayValue a) {
            sb.append("[]interface {}{");
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) sb.append(", ");
                write(a.get(i), sb, true);
            }
            sb.append('}');
        } else if (v instanceof StringValue s) {
            sb.append(Json.quote(s.value()));
        } else if (v instanceof NullValue) {
            sb.append(typed ? "interface {}(nil)" : "<nil>");
        } else {
            sb.append(Json.write(v));
        }
    }
}
