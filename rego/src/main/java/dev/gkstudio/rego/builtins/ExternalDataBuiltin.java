package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gatekeeper's {@code external_data({"provider": name, "keys": [...]})}. In a cluster it asks the named Provider
 * over HTTPS; here it answers from the mocks of the evaluation ({@link BuiltinContext#externalData()}), never from
 * the network. The answer has Gatekeeper's shape: {@code responses} ([key, value] pairs), {@code errors}
 * ([key, message] pairs), {@code status_code} and {@code system_error}. A key the mock does not list is an error
 * for that key, so a policy's error path can be tried as easily as its happy path.
 */
final class ExternalDataBuiltin {
    static final String NAME = "external_data";

    private ExternalDataBuiltin() {
    }

    static void register(Map<String, BuiltinFunction> t) {
        t.put(NAME, (c, a) -> answer(c.externalData(), Args.obj(NAME, a, 0)));
    }

    static Value answer(Value providers, ObjectValue request) {
        if (!(request.get("provider") instanceof StringValue provider)) {
            throw new BuiltinException(BuiltinException.TYPE_ERROR, NAME + ": the request needs a \"provider\" name (a string)");
        }
        if (!(request.get("keys") instanceof ArrayValue keys)) {
            throw new BuiltinException(BuiltinException.TYPE_ERROR, NAME + ": the request needs \"keys\" (an array)");
        }
        Value mock = providers instanceof ObjectValue all ? all.get(provider.value()) : null;
        if (!(mock instanceof ObjectValue m)) {
            return response(List.of(), List.of(), 0, "external data provider " + quote(provider.value())
                    + " is not mocked: Gatekeeper Studio answers external_data from the Providers mocks only");
        }
        String systemError = m.get("system_error") instanceof StringValue s ? s.value() : "";
        int status = m.get("status_code") instanceof NumberValue n ? n.value().intValue() : 200;
        if (!systemError.isEmpty()) {
            return response(List.of(), List.of(), status, systemError);
        }
        ObjectValue responses = m.get("responses") instanceof ObjectValue r ? r : ObjectValue.EMPTY;
        ObjectValue errors = m.get("errors") instanceof ObjectValue e ? e : ObjectValue.EMPTY;
        List<Value> items = new ArrayList<>();
        List<Value> failures = new ArrayList<>();
        for (Value key : keys.list()) {
            Value k = key instanceof StringValue ? key : StringValue.of(key.toString());
            if (responses.get(k) != null) {
                items.add(ArrayValue.of(key, responses.get(k)));
            } else if (errors.get(k) != null) {
                failures.add(ArrayValue.of(key, errors.get(k)));
            } else {
                failures.add(ArrayValue.of(key, StringValue.of("no mocked response for this key")));
            }
        }
        return response(items, failures, status, "");
    }

    private static Value response(List<Value> responses, List<Value> errors, int status, String systemError) {
        return ObjectValue.builder()
                .put("responses", ArrayValue.of(responses))
                .put("errors", ArrayValue.of(errors))
                .put("status_code", NumberValue.of(status))
                .put("system_error", StringValue.of(systemError))
                .build();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
