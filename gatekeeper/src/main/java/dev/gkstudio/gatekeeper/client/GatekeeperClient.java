package dev.gkstudio.gatekeeper.client;

import dev.gkstudio.gatekeeper.cel.CompiledCel;
import dev.gkstudio.gatekeeper.constraint.ConstraintCrd;
import dev.gkstudio.gatekeeper.constraint.ConstraintValidator;
import dev.gkstudio.gatekeeper.constraint.EnforcementActions;
import dev.gkstudio.gatekeeper.engine.CompiledTemplate;
import dev.gkstudio.gatekeeper.engine.EvalOptions;
import dev.gkstudio.gatekeeper.engine.EvalOutcome;
import dev.gkstudio.gatekeeper.engine.TemplateCompileException;
import dev.gkstudio.gatekeeper.match.MatchException;
import dev.gkstudio.gatekeeper.match.Matcher;
import dev.gkstudio.gatekeeper.review.Inventory;
import dev.gkstudio.gatekeeper.review.Review;
import dev.gkstudio.gatekeeper.schema.StructuralSchema;
import dev.gkstudio.gatekeeper.template.ConstraintTemplate;
import dev.gkstudio.gatekeeper.template.RegoCode;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.PositionIndex;
import dev.gkstudio.gatekeeper.yaml.SourceRange;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gatekeeper's constraint framework client for the admission target: templates, constraints, inventory
 * data and reviews, for one enforcement point. Not thread-safe for mutation; reviews may run concurrently
 * once set up.
 */
public final class GatekeeperClient {
    public static final String TARGET = "admission.k8s.gatekeeper.sh";

    private final TemplateCompiler compiler;
    private final String enforcementPoint;
    private final Map<String, TemplateEntry> templates = new TreeMap<>();
    private final Inventory inventory = new Inventory();
    private List<TemplateStats> statsSink;
    private boolean acceptUnknownActions;

    /**
     * A template added to the client.
     *
     * @param compiled the compiled Rego, or null when the template runs on CEL
     * @param cel      the compiled CEL when the template runs on the K8sNativeValidation driver, else null
     */
    public record TemplateEntry(ConstraintTemplate template, CompiledTemplate compiled, ObjectValue crdSchema,
                                Map<String, ConstraintEntry> constraints, CompiledCel cel) {
        public TemplateEntry(ConstraintTemplate template, CompiledTemplate compiled, ObjectValue crdSchema,
                             Map<String, ConstraintEntry> constraints) {
            this(template, compiled, crdSchema, constraints, null);
        }

        /** The driver evaluating this template: {@code Rego} or {@code K8sNativeValidation}. */
        public String engine() {
            return cel != null ? "K8sNativeValidation" : "Rego";
        }
    }

    /** A constraint added to the client. */
    public record ConstraintEntry(ObjectValue constraint, Value parameters, Matcher matcher, String action) {
    }

    public GatekeeperClient(TemplateCompiler compiler, String enforcementPoint) {
        this.compiler = compiler;
        this.enforcementPoint = enforcementPoint;
    }

    /** From now on, each review appends the Rego driver's per-template stats to the list (gator's --stats). */
    public void gatherStats(List<TemplateStats> sink) {
        this.statsSink = sink;
    }

    /**
     * Accepts constraints whose enforcementAction is not one Gatekeeper knows, as {@code gator test} does (the
     * constraint framework does not check it; only the webhook and audit would refuse to act on it).
     */
    public void acceptUnknownEnforcementActions(boolean accept) {
        this.acceptUnknownActions = accept;
    }

    public Inventory inventory() {
        return inventory;
    }

    public Map<String, TemplateEntry> templates() {
        return templates;
    }

    /** Validates (Gatekeeper's order and wording) and compiles a template. */
    public TemplateEntry addTemplate(ConstraintTemplate t) throws GatekeeperException {
        PositionIndex pos = t.positions();
        if (t.targets().size() != 1) {
            throw new GatekeeperException("invalid ConstraintTemplate: must declare exactly one target", false, at(pos, "spec.targets"));
        }
        ConstraintTemplate.Target target = t.targets().get(0);
        if (target.target().isEmpty()) {
            throw new GatekeeperException("invalid ConstraintTemplate: target name must not be empty", false, at(pos, "spec.targets[0]"));
        }
        if (t.kind().isEmpty()) {
            throw new GatekeeperException("invalid ConstraintTemplate: ConstraintTemplate \"" + t.name() + "\" does not specify CRD Kind",
                    false, at(pos, "spec.crd"));
        }
        if (!t.name().equalsIgnoreCase(t.kind())) {
            throw new GatekeeperException("invalid ConstraintTemplate: the ConstraintTemplate's name \"" + t.name()
                    + "\" is not equal to the lowercase of CRD's Kind: \"" + t.kind().toLowerCase(Locale.ROOT) + "\"",
                    false, at(pos, "metadata.name"));
        }
        if (!TARGET.equals(target.target())) {
            throw new GatekeeperException("invalid ConstraintTemplate: target \"" + target.target()
                    + "\" not recognized, known targets [" + TARGET + "]", false, at(pos, "spec.targets[0].target"));
        }
        RegoCode code = target.rego();
        if (target.cel() != null && (compiler.k8sNativeValidation() || code == null)) {
            if (!compiler.k8sNativeValidation()) {
                throw new GatekeeperException("no driver: available drivers: map[Rego:1], wanted \"K8sNativeValidation\"",
                        false, at(pos, "spec.targets[0].code"));
            }
            CompiledCel cel;
            try {
                cel = compiler.compileCel(target.cel());
            } catch (TemplateCompileException e) {
                throw new GatekeeperException(e.getMessage(), false, at(pos, target.cel().path()));
            }
            TemplateEntry entry = new TemplateEntry(t, null, ConstraintCrd.schema(t), new TreeMap<>(), cel);
            templates.put(t.name(), entry);
            return entry;
        }
        if (code == null) {
            String drivers = compiler.k8sNativeValidation() ? "map[K8sNativeValidation:1 Rego:2]" : "map[Rego:1]";
            throw new GatekeeperException("no driver: available drivers: " + drivers + ", wanted \"\"",
                    false, at(pos, "spec.targets[0]"));
        }
        CompiledTemplate compiled;
        try {
            compiled = compiler.compile(code);
        } catch (TemplateCompileException e) {
            throw new GatekeeperException(e.getMessage(), false, regoRange(pos, code, e.where()));
        }
        TemplateEntry entry = new TemplateEntry(t, compiled, ConstraintCrd.schema(t), new TreeMap<>());
        templates.put(t.name(), entry);
        return entry;
    }

    /** Maps a Rego position into the template YAML (block scalars start one line below their key). */
    static SourceRange regoRange(PositionIndex pos, RegoCode code, TemplateCompileException.Where w) {
        if (pos == null || w == null) return SourceRange.NONE;
        String path = w.module() < 0 ? code.regoPath() : (w.module() < code.libPaths().size() ? code.libPaths().get(w.module()) : null);
        if (path == null) return SourceRange.NONE;
        SourceRange r = pos.value(path);
        if (!r.isKnown()) return SourceRange.NONE;
        if (w.line() <= 0) return r;
        boolean block = r.endLine() > r.startLine();
        int line = block ? r.startLine() + w.line() : r.startLine();
        int col = Math.max(1, w.column());
        return new SourceRange(line, col, line, col + 1);
    }

    private static SourceRange at(PositionIndex pos, String path) {
        if (pos == null) return SourceRange.NONE;
        SourceRange r = pos.key(path);
        return r.isKnown() ? r : pos.closest(path);
    }

    /** Validates and adds a constraint; applies parameter defaults. */
    public ConstraintEntry addConstraint(ObjectValue c, PositionIndex pos) throws GatekeeperException {
        ConstraintValidator.checkMetadata(c);
        String templateName = Obj.kind(c).toLowerCase(Locale.ROOT);
        TemplateEntry t = templates.get(templateName);
        if (t == null) {
            throw new GatekeeperException("missing ConstraintTemplate: template \"" + templateName + "\" not found", false, at(pos, "kind"));
        }
        ConstraintValidator.checkSelectors(c);
        ConstraintValidator.validateCR(c, t.template().kind(), t.crdSchema(), pos);
        String eaError = EnforcementActions.validate(c);
        if (eaError != null && acceptUnknownActions && EnforcementActions.isUnknownPlainAction(c)) eaError = null;
        if (eaError != null) throw new GatekeeperException(eaError, false, at(pos, "spec.enforcementAction"));
        Value params = Obj.get(c, "spec", "parameters");
        if (Obj.isNull(params)) params = ObjectValue.EMPTY;
        ObjectValue ps = t.template().parametersSchema();
        if (ps != null) params = StructuralSchema.applyDefaults(ps, params);
        ObjectValue match = Obj.obj(c, "spec", "match");
        ConstraintEntry e = new ConstraintEntry(Obj.without(c, "status"), params, new Matcher(match), EnforcementActions.action(c));
        t.constraints().put(Obj.name(c), e);
        return e;
    }

    /** Adds an object to data.inventory; returns Gatekeeper's error text or null. */
    public String addData(Value obj) {
        return inventory.add(obj);
    }

    /** Reviews one object against every matching constraint. */
    public ReviewResponse review(Review r, EvalOptions options) throws GatekeeperException {
        List<Result> results = new ArrayList<>();
        List<String> prints = new ArrayList<>();
        StringBuilder trace = new StringBuilder();
        Value ns = r.namespaceObject();
        if (ns == null && !r.namespace().isEmpty()) ns = inventory.namespace(r.namespace());
        Value inv = inventory.value();
        for (TemplateEntry t : templates.values()) {
            List<ConstraintEntry> matched = new ArrayList<>();
            for (ConstraintEntry c : t.constraints().values()) {
                List<String> scoped = scoped(c);
                if ("scoped".equals(c.action()) && scoped.isEmpty()) continue;
                try {
                    if (c.matcher().matches(r.object(), r.oldObject(), ns, r.source())) matched.add(c);
                } catch (MatchException e) {
                    results.add(new Result("unable to match constraints: " + e.getMessage(), ObjectValue.EMPTY,
                            c.constraint(), c.action(), scoped, r.subject(), List.of(), null));
                }
            }
            if (matched.isEmpty()) continue;
            long start = System.nanoTime();
            evaluateKind(t, matched, r, inv, options, results, prints, trace);
            if (statsSink != null && t.cel() == null) {
                statsSink.add(new TemplateStats(t.template().kind(), System.nanoTime() - start, matched.size(),
                        options.trace(), options.prints()));
            }
        }
        results.sort(Comparator.comparing(Result::enforcementAction).thenComparing(Result::msg));
        return new ReviewResponse(results, prints, trace.length() == 0 ? null : trace.toString());
    }

    private List<String> scoped(ConstraintEntry c) {
        return "scoped".equals(c.action()) ? EnforcementActions.scopedActionsFor(c.constraint(), enforcementPoint) : List.of();
    }

    private void evaluateKind(TemplateEntry t, List<ConstraintEntry> matched, Review r, Value inv, EvalOptions options,
                              List<Result> out, List<String> prints, StringBuilder trace) throws GatekeeperException {
        if (t.cel() != null) {
            evaluateCel(t, matched, r, out);
            return;
        }
        String error = null;
        List<Result> kindResults = new ArrayList<>();
        for (ConstraintEntry c : matched) {
            Value input = ObjectValue.builder().put("review", r.value()).put("parameters", c.parameters()).build();
            EvalOutcome o = t.compiled().violations(input, inv, options);
            prints.addAll(o.prints());
            if (o.trace() != null) trace.append("DRIVER Rego:\n\n").append(o.trace()).append("\n\n");
            if (o.error() != null) {
                if (error == null) error = o.error();
                continue;
            }
            Set<List<Value>> seen = new LinkedHashSet<>();
            for (Value el : o.elements()) {
                Value msg = Obj.get(el, "msg");
                if (msg == null) continue;
                if (!(msg instanceof StringValue ms)) {
                    throw new GatekeeperException(TARGET + ": Rego: message binding was " + goType(msg) + " but want string\n\n");
                }
                Value details = Obj.get(el, "details");
                if (details == null) details = ObjectValue.EMPTY;
                if (!seen.add(List.of(ms, details))) continue;
                kindResults.add(new Result(ms.value(), details, c.constraint(), c.action(), scoped(c), r.subject(),
                        o.prints(), o.trace()));
            }
        }
        if (error != null) {
            for (ConstraintEntry c : matched) {
                out.add(new Result(error, ObjectValue.EMPTY, c.constraint(), c.action(), scoped(c), r.subject(), List.of(), null));
            }
            return;
        }
        out.addAll(kindResults);
    }

    /** The K8sNativeValidation driver: one result per deny decision of each matched constraint. */
    private void evaluateCel(TemplateEntry t, List<ConstraintEntry> matched, Review r, List<Result> out) {
        Value ns = r.namespaceObject();
        if (ns == null && !r.namespace().isEmpty()) ns = inventory.namespace(r.namespace());
        boolean delete = "DELETE".equals(Obj.str(r.value(), "operation"));
        Value object = delete ? null : r.object();
        Value request = celRequest(r.value());
        for (ConstraintEntry c : matched) {
            ObjectValue constraint = c.constraint();
            if (Obj.get(constraint, "spec", "parameters") != null && !Obj.isNull(Obj.get(constraint, "spec", "parameters"))) {
                constraint = Obj.with(constraint, c.parameters(), "spec", "parameters");
            }
            CompiledCel.Input in = CompiledCel.Input.of(object, r.oldObject(), request, ns, constraint);
            for (String msg : t.cel().validate(in)) {
                out.add(new Result(msg, ObjectValue.EMPTY, c.constraint(), c.action(), scoped(c), r.subject(), List.of(), null));
            }
        }
    }

    /** The admission request as a ValidatingAdmissionPolicy's {@code request} variable shows it. */
    static Value celRequest(Value review) {
        ObjectValue.Builder b = ObjectValue.builder();
        Value kind = Obj.get(review, "kind");
        Value resource = Obj.get(review, "resource");
        if (kind != null) b.put("kind", kind);
        if (resource != null) b.put("resource", resource);
        for (String k : List.of("subResource", "name", "namespace")) {
            String v = Obj.str(review, k);
            if (!v.isEmpty()) b.put(k, StringValue.of(v));
        }
        b.put("operation", StringValue.of(Obj.str(review, "operation")));
        Value uiv = Obj.get(review, "userInfo");
        b.put("userInfo", uiv == null ? ObjectValue.EMPTY : uiv);
        Value rk = Obj.get(review, "requestKind");
        if (rk == null) rk = kind;
        if (rk != null) b.put("requestKind", rk);
        Value rr = Obj.get(review, "requestResource");
        if (rr == null) rr = resource;
        if (rr != null) b.put("requestResource", rr);
        String rsr = Obj.str(review, "requestSubResource");
        if (!rsr.isEmpty()) b.put("requestSubResource", StringValue.of(rsr));
        Value dry = Obj.get(review, "dryRun");
        b.put("dryRun", dry instanceof BooleanValue ? dry : BooleanValue.FALSE);
        Value options = Obj.get(review, "options");
        if (options != null && !Obj.isNull(options)) b.put("options", options);
        return b.build();
    }

    /** Go's %T of a JSON-decoded value, as the framework reports a non-string msg. */
    static String goType(Value v) {
        if (v instanceof NullValue) return "<nil>";
        if (v instanceof BooleanValue) return "bool";
        if (v instanceof NumberValue) return "json.Number";
        if (v instanceof ArrayValue || v instanceof SetValue) return "[]interface {}";
        if (v instanceof ObjectValue) return "map[string]interface {}";
        return "string";
    }

    /** All constraints of all templates, by template then name. */
    public Map<String, ConstraintEntry> constraints() {
        Map<String, ConstraintEntry> out = new LinkedHashMap<>();
        for (TemplateEntry t : templates.values()) {
            for (Map.Entry<String, ConstraintEntry> e : t.constraints().entrySet()) out.put(t.template().kind() + "/" + e.getKey(), e.getValue());
        }
        return out;
    }
}
