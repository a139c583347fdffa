package dev.gkstudio.gatekeeper.util;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code json.MarshalIndent(v, "", indent)}: a {@link Map} is a Go struct (fields in its order), a
 * {@link Value} object is a Go map (keys sorted by bytes), numbers are float64 (plain up to 1e21, else
 * exponent form), strings HTML-escaped as encoding/json does.
 */
public final class GoJson {
    private GoJson() {
    }

    public static String marshalIndent(Object v, String indent) {
        StringBuilder sb = new StringBuilder();
        write(v, sb, "", indent);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(Object v, StringBuilder sb, String cur, String ind) {
        List<Map.Entry<String, Object>> es = null;
        if (v instanceof Map<?, ?> m) es = new ArrayList<>(((Map<String, Object>) m).entrySet());
        if (v instanceof ObjectValue o) {
            es = new ArrayList<>();
            for (Value k : o.keys()) es.add(Map.entry(Json.keyText(k), o.get(k)));
            es.sort((a, b) -> StringValue.compareCodePoints(a.getKey(), b.getKey()));
        }
        if (es != null) {
            if (es.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            for (int i = 0; i < es.size(); i++) {
                sb.append(cur).append(ind);
                Json.writeString(es.get(i).getKey(), sb);
                sb.append(": ");
                write(es.get(i).getValue(), sb, cur + ind, ind);
                if (i < es.size() - 1) sb.append(',');
                sb.append('\n');
            }
            sb.append(cur).append('}');
            return;
        }
        List<Object> items = null;
        if (v instanceof List<?> l) items = (List<Object>) l;
        if (v instanceof ArrayValue a) items = new ArrayList<>(a.list());
        if (v instanceof SetValue s) items = new ArrayList<>(s.sorted());
        if (items != null) {
            if (items.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < items.size(); i++) {
                sb.append(cur).append(ind);
                write(items.get(i), sb, cur + ind, ind);
                if (i < items.size() - 1) sb.append(',');
                sb.append('\n');
            }
            sb.append(cur).append(']');
            return;
        }
        if (v == null || v instanceof NullValue) sb.append("null");
        else if (v instanceof Boolean b) sb.append(b);
        else if (v instanceof BooleanValue b) sb.append(b.value());
        else if (v instanceof Long l) sb.append(l);
        else if (v instanceof NumberValue n) sb.append(goFloat(n.value().doubleValue()));
        else if (v instanceof StringValue s) Json.writeString(s.value(), sb);
        else Json.writeString(v.toString(), sb);
    }

    /** encoding/json's float64: 'f' between 1e-6 and 1e21, else 'e' with a one- or two-digit exponent. */
    static String goFloat(double d) {
        if (d == 0) return "0";
        double abs = Math.abs(d);
        BigDecimal bd = new BigDecimal(Double.toString(abs)).stripTrailingZeros();
        String sign = d < 0 ? "-" : "";
        if (abs < 1e-6 || abs >= 1e21) {
            String digits = bd.unscaledValue().toString();
            int exp = digits.length() - 1 - bd.scale();
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + Math.abs(exp);
        }
        return sign + bd.toPlainString();
    }
}
