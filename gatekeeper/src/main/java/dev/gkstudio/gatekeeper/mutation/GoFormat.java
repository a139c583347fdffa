package dev.gkstudio.gatekeeper.mutation;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/** Go's {@code %+v} of decoded JSON values, as mutation errors print them. */
final class GoFormat {
    private GoFormat() {
    }

    static String plusV(Value v) {
        if (v == null || v instanceof NullValue) return "<nil>";
        if (v instanceof StringValue s) return s.value();
        if (v instanceof ArrayValue a) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) sb.append(' ');
                sb.append(plusV(a.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof ObjectValue o) {
            StringBuilder sb = new StringBuilder("map[");
            boolean first = true;
            for (Value k : o.keys()) {
                if (!first) sb.append(' ');
                first = false;
                sb.append(Json.keyText(k)).append(':').append(plusV(o.get(k)));
            }
            return sb.append(']').toString();
        }
        return Json.write(v);
    }
}
