package dev.gkstudio.gatekeeper.cel;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.gkstudio.gatekeeper.template.CelCode;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A template's compiled CEL: a ValidatingAdmissionPolicy validator as Gatekeeper builds it (failure policy
 * {@code Fail} unless {@code Ignore} is given). Thread-safe.
 */
public final class CompiledCel {
    /** One compiled expression, or its compile error (Kubernetes' wording). */
    record Expr(String name, String expression, CelRuntime.Program program, String error) {
        static Expr failed(String name, String expression, String error) {
            return new Expr(name, expression, null, error);
        }
    }

    private final CelCode code;
    private final List<Expr> variables;
    private final List<Expr> conditions;
    private final List<Expr> validations;
    private final List<Expr> messages;
    private final boolean failClosed;

    CompiledCel(CelCode code, List<Expr> variables, List<Expr> conditions, List<Expr> validations, List<Expr> messages,
                boolean failClosed) {
        this.code = code;
        this.variables = variables;
        this.conditions = conditions;
        this.validations = validations;
        this.messages = messages;
        this.failClosed = failClosed;
    }

    public CelCode code() {
        return code;
    }

    /** A compile problem of one expression of the template, for editors. */
    public record Problem(String path, String message) {
    }

    /** Compile errors of the template's own expressions (Gatekeeper reports them only when the template is evaluated). */
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < code.variables().size(); i++) {
            Expr e = variables.get(CelEngine.BUILTIN_VARIABLES.size() + i);
            if (e.error() != null) out.add(new Problem(code.variables().get(i).path() + ".expression", e.error()));
        }
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).error() != null) out.add(new Problem(code.matchConditions().get(i).path() + ".expression", conditions.get(i).error()));
        }
        for (int i = 0; i < validations.size(); i++) {
            if (validations.get(i).error() != null) out.add(new Problem(code.validations().get(i).path() + ".expression", validations.get(i).error()));
            Expr m = messages.get(i);
            if (m != null && m.error() != null) out.add(new Problem(code.validations().get(i).path() + ".messageExpression", m.error()));
        }
        return out;
    }

    /**
     * What the CEL sees of one review.
     *
     * @param object          the object (null on DELETE, as Gatekeeper unsets it)
     * @param oldObject       the old object or null
     * @param request         the admission request fields (kind, resource, operation, name, namespace, userInfo, ...)
     * @param namespaceObject the namespace, or null
     * @param params          the constraint (Gatekeeper binds {@code variables.params} to its spec.parameters)
     */
    public record Input(Object object, Object oldObject, Object request, Object namespaceObject, Object params) {
        public static Input of(dev.gkstudio.rego.value.Value object, dev.gkstudio.rego.value.Value oldObject,
                               dev.gkstudio.rego.value.Value request, dev.gkstudio.rego.value.Value namespaceObject,
                               dev.gkstudio.rego.value.Value params) {
            return new Input(CelValues.toCel(object), CelValues.toCel(oldObject), CelValues.toCel(request),
                    CelValues.toCel(namespaceObject), CelValues.toCel(params));
        }
    }

    /**
     * Validates one review: the messages of the deny decisions, in validation order (an expression that errors is
     * a deny decision carrying the error text under failure policy Fail, nothing under Ignore).
     */
    public List<String> validate(Input in) {
        Map<String, Object> activation = new HashMap<>();
        activation.put("object", in.object());
        activation.put("oldObject", in.oldObject());
        activation.put("request", in.request());
        activation.put("namespaceObject", in.namespaceObject());
        activation.put("params", in.params());
        LazyVariables vars = new LazyVariables(activation);
        activation.put("variables", vars);

        if (!conditions.isEmpty()) {
            List<String> errors = new ArrayList<>();
            for (Expr c : conditions) {
                if (c.error() != null) {
                    errors.add("compilation error: " + c.error());
                    continue;
                }
                Object r;
                try {
                    r = c.program().eval(activation);
                } catch (CelEvaluationException | RuntimeException e) {
                    errors.add("expression '" + c.expression() + "' resulted in error: " + CelErrors.message(e));
                    continue;
                }
                if (Boolean.FALSE.equals(r)) return List.of();
            }
            if (!errors.isEmpty()) {
                if (!failClosed) return List.of();
                return List.of(errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
            }
        }

        List<String> out = new ArrayList<>();
        for (int i = 0; i < validations.size(); i++) {
            Expr v = validations.get(i);
            CelCode.Validation src = code.validations().get(i);
            if (v.error() != null) {
                if (failClosed) out.add("compilation error: " + v.error());
                continue;
            }
            Object r;
            try {
                r = v.program().eval(activation);
            } catch (CelEvaluationException | RuntimeException e) {
                if (failClosed) out.add("expression '" + v.expression() + "' resulted in error: " + CelErrors.message(e));
                continue;
            }
            if (Boolean.TRUE.equals(r)) continue;
            String message = "";
            Expr m = messages.get(i);
            if (m != null && m.error() == null) {
                try {
                    Object s = m.program().eval(activation);
                    if (s instanceof String str) {
                        String t = str.strip();
                        if (!t.isEmpty() && !t.contains("\n")) message = t;
                    }
                } catch (CelEvaluationException | RuntimeException e) {
                    // Kubernetes logs the failure and falls back to message
                }
            }
            if (message.isEmpty() && !src.message().isEmpty()) message = src.message().strip();
            if (message.isEmpty()) message = "failed expression: " + src.expression().strip();
            out.add(message);
        }
        return out;
    }

    /** {@code variables}: each evaluated on first use, once per review. */
    private final class LazyVariables extends AbstractMap<String, Object> {
        private final Map<String, Object> activation;
        private final Map<String, Object> values = new HashMap<>();
        private final Map<String, Expr> byName = new LinkedHashMap<>();
        private final Set<String> evaluating = new LinkedHashSet<>();

        LazyVariables(Map<String, Object> activation) {
            this.activation = activation;
            for (Expr e : variables) byName.put(e.name(), e);
        }

        @Override
        public boolean containsKey(Object key) {
            return byName.containsKey(key);
        }

        @Override
        public Object get(Object key) {
            Expr e = byName.get(key);
            if (e == null) return null;
            String k = (String) key;
            if (values.containsKey(k)) {
                Object v = values.get(k);
                if (v instanceof VariableError ve) throw ve;
                return v;
            }
            if (e.error() != null) {
                VariableError ve = new VariableError(e.error());
                values.put(k, ve);
                throw ve;
            }
            if (!evaluating.add(k)) throw new VariableError("variable " + k + " refers to itself");
            try {
                Object v = e.program().eval(activation);
                if (v == null) v = NullValue.NULL_VALUE;
                values.put(k, v);
                return v;
            } catch (CelEvaluationException | RuntimeException ex) {
                VariableError ve = ex instanceof VariableError x ? x : new VariableError(CelErrors.message(ex));
                values.put(k, ve);
                throw ve;
            } finally {
                evaluating.remove(k);
            }
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>();
            for (String k : byName.keySet()) all.put(k, get(k));
            return all.entrySet();
        }
    }

    /** A variable that failed to compile or evaluate; surfaces as the error of the expression that used it. */
    static final class VariableError extends RuntimeException {
        VariableError(String message) {
            super(message, null, false, false);
        }
    }
}
