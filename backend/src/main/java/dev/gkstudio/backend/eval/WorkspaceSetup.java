package dev.gkstudio.backend.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gkstudio.backend.eval.Evaluation.ConstraintInfo;
import dev.gkstudio.gatekeeper.client.GatekeeperClient;
import dev.gkstudio.gatekeeper.client.GatekeeperClient.ConstraintEntry;
import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.client.TemplateCompiler;
import dev.gkstudio.gatekeeper.engine.CompiledRegoTemplate;
import dev.gkstudio.gatekeeper.engine.TemplateCompileException;
import dev.gkstudio.gatekeeper.mutation.MutationException;
import dev.gkstudio.gatekeeper.mutation.MutationSystem;
import dev.gkstudio.gatekeeper.review.Review;
import dev.gkstudio.gatekeeper.review.ReviewBuilder;
import dev.gkstudio.gatekeeper.template.ConstraintTemplate;
import dev.gkstudio.gatekeeper.template.RegoCode;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.PositionIndex;
import dev.gkstudio.gatekeeper.yaml.SourceRange;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/**
 * A workspace loaded into a fresh {@link GatekeeperClient}: the template composed from its parts,
 * validated and compiled; the constraints and inventory added; the samples parsed into reviews.
 * Every problem found on the way is kept with its position in the editor it came from.
 */
final class WorkspaceSetup {

    /**
     * A sample document read from the samples editor; {@code review} is of the object as the mutators left it, and
     * {@code mutation} says what they changed (null when nothing).
     */
    record Sample(SampleDocument doc, Value value, PositionIndex positions, Review review, String error,
                  SampleMutation.Mutated mutation) {
        int lineOffset() {
            return doc.firstLine() - 1;
        }
    }

    /** A constraint document and, when valid, its entry in the client. */
    record Constraint(SampleDocument doc, ObjectValue value, ConstraintEntry entry, ConstraintInfo info) {
    }

    final Workspace workspace;
    final GatekeeperClient client;
    final List<Problem> problems = new ArrayList<>();
    final ObjectValue templateObject;
    ConstraintTemplate template;
    CompiledRegoTemplate compiled;
    boolean templateOk;
    final List<Constraint> constraints = new ArrayList<>();
    final List<Sample> samples = new ArrayList<>();
    final Map<String, ObjectValue> inventoryObjects = new LinkedHashMap<>();
    /** The mocked external data providers (the Providers tab), or null when there are none. */
    Value externalData;
    /** The mutators of the Mutators tab (none when it is empty). */
    MutationSystem mutations;

    WorkspaceSetup(Workspace workspace, TemplateCompiler compiler, YamlLoader yaml) {
        this.workspace = workspace;
        this.client = new GatekeeperClient(compiler, "gator.gatekeeper.sh");
        this.templateObject = composeTemplate(workspace.template(), yaml);
        loadTemplate(compiler);
        loadConstraints(yaml);
        loadInventory(yaml);
        loadProviders(yaml);
        mutations = SampleMutation.load(workspace.mutators(), yaml, problems);
        loadSamples(yaml);
    }

    // ---- template

    private ObjectValue composeTemplate(Workspace.Template t, YamlLoader yaml) {
        Value schema = null;
        if (!t.schema().isBlank()) {
            try {
                YamlDocument doc = yaml.loadOne(t.schema());
                if (doc.value() instanceof ObjectValue o) {
                    schema = o;
                } else if (!(doc.value() instanceof NullValue)) {
                    problems.add(Problem.error("schema", "the parameters schema must be an object (openAPIV3Schema)",
                            doc.positions().value(""), 0));
                }
            } catch (YamlException e) {
                problems.add(Problem.error("schema", e.getMessage(), e.range(), 0));
            }
        }
        return Templates.compose(t, schema);
    }

    private void loadTemplate(TemplateCompiler compiler) {
        template = TemplateReader.read(templateObject, null);
        RegoCode code = template.targets().isEmpty() ? null : template.targets().get(0).rego();
        String regoError = null;
        if (code != null) {
            try {
                compiled = (CompiledRegoTemplate) compiler.compile(code);
            } catch (TemplateCompileException e) {
                regoError = e.getMessage();
                TemplateCompileException.Where w = e.where();
                String source = w == null || w.module() < 0 ? "rego" : "lib:" + w.module();
                int line = w == null || w.line() <= 0 ? 1 : w.line();
                problems.add(Problem.at(source, e.getMessage(), line, w == null ? 1 : w.column()));
            }
        }
        try {
            client.addTemplate(template);
            templateOk = compiled != null;
        } catch (GatekeeperException e) {
            if (!e.getMessage().equals(regoError)) {
                problems.add(new Problem("metadata", "error", e.getMessage(), 0, 0, 0, 0));
            }
        }
    }

    // ---- constraints

    private void loadConstraints(YamlLoader yaml) {
        for (SampleDocument doc : SampleDocument.split(workspace.constraints())) {
            int offset = doc.firstLine() - 1;
            YamlDocument parsed;
            try {
                parsed = yaml.loadOne(doc.text());
            } catch (YamlException e) {
                problems.add(Problem.error("constraint", e.getMessage(), e.range(), offset));
                continue;
            }
            if (!(parsed.value() instanceof ObjectValue c)) {
                problems.add(Problem.error("constraint", "a constraint must be an object", parsed.positions().value(""), offset));
                continue;
            }
            String id = Obj.kind(c) + "/" + Obj.name(c);
            ConstraintEntry entry = null;
            String error = null;
            if (!templateOk) {
                error = "not evaluated: the template has errors";
            } else {
                try {
                    entry = client.addConstraint(c, parsed.positions());
                } catch (GatekeeperException e) {
                    error = e.getMessage();
                    SourceRange r = e.range().isKnown() ? e.range() : parsed.positions().key("kind");
                    problems.add(Problem.error("constraint", e.getMessage(), r, offset));
                } catch (RuntimeException e) {
                    error = "invalid constraint: " + e.getMessage();
                    problems.add(Problem.error("constraint", error, parsed.positions().value(""), offset));
                }
            }
            String action = entry != null ? entry.action() : Obj.str(c, "spec", "enforcementAction");
            ConstraintInfo info = new ConstraintInfo(id, Obj.kind(c), Obj.name(c), action.isEmpty() ? "deny" : action,
                    JsonValues.toJava(c), doc.firstLine(), error);
            constraints.add(new Constraint(doc, c, entry, info));
        }
    }

    // ---- inventory

    private void loadInventory(YamlLoader yaml) {
        for (SampleDocument doc : SampleDocument.split(workspace.inventory())) {
            int offset = doc.firstLine() - 1;
            try {
                YamlDocument parsed = yaml.loadOne(doc.text());
                List<Value> objects = new ArrayList<>();
                if (parsed.value() instanceof ObjectValue o && "List".equals(Obj.kind(o)) && Obj.arr(o, "items") != null) {
                    objects.addAll(Obj.arr(o, "items").list());
                } else {
                    objects.add(parsed.value());
                }
                for (Value o : objects) {
                    String error = o instanceof ObjectValue ? client.addData(o) : "an inventory object must be an object";
                    if (error != null) {
                        problems.add(Problem.error("inventory", error, parsed.positions().value(""), offset));
                    } else {
                        inventoryObjects.put(Obj.namespace(o) + "/" + Obj.kind(o) + "/" + Obj.name(o), (ObjectValue) o);
                    }
                }
            } catch (YamlException e) {
                problems.add(Problem.error("inventory", e.getMessage(), e.range(), offset));
            }
        }
    }

    // ---- external data providers

    private void loadProviders(YamlLoader yaml) {
        if (workspace.providers().isBlank()) {
            return;
        }
        try {
            YamlDocument parsed = yaml.loadOne(workspace.providers());
            if (parsed.value() instanceof NullValue) {
                return;
            }
            if (!(parsed.value() instanceof ObjectValue providers)) {
                problems.add(Problem.error("providers", "the providers must be a map: provider name → responses / errors / "
                        + "system_error", parsed.positions().value(""), 0));
                return;
            }
            for (Value name : providers.keys()) {
                String path = PositionIndex.child("", (name instanceof StringValue n ? n.value() : name.toString()));
                if (!(providers.get(name) instanceof ObjectValue mock)) {
                    problems.add(Problem.error("providers", "a provider's mock must be a map with responses, errors or "
                            + "system_error", parsed.positions().value(path), 0));
                    continue;
                }
                for (Value key : mock.keys()) {
                    String field = (key instanceof StringValue k ? k.value() : key.toString());
                    if (!java.util.Set.of("responses", "errors", "system_error", "status_code").contains(field)) {
                        problems.add(Problem.error("providers", "unknown field \"" + field + "\": a provider's mock has "
                                + "responses, errors, system_error and status_code", parsed.positions().key(
                                PositionIndex.child(path, field)), 0));
                    }
                }
            }
            externalData = providers;
        } catch (YamlException e) {
            problems.add(Problem.error("providers", e.getMessage(), e.range(), 0));
        }
    }

    // ---- samples

    private void loadSamples(YamlLoader yaml) {
        for (SampleDocument doc : SampleDocument.split(workspace.samples())) {
            int offset = doc.firstLine() - 1;
            YamlDocument parsed;
            try {
                parsed = yaml.loadOne(doc.text());
            } catch (YamlException e) {
                problems.add(Problem.error("samples", e.getMessage(), e.range(), offset));
                samples.add(new Sample(doc, null, new PositionIndex(), null, e.getMessage(), null));
                continue;
            }
            Value v = parsed.value();
            boolean admissionReview = v instanceof ObjectValue && ReviewBuilder.isAdmissionReview(v);
            String error = null;
            Review review = null;
            if (!(v instanceof ObjectValue)) {
                error = "a sample must be a Kubernetes object or an AdmissionReview";
            } else if (admissionReview) {
                try {
                    review = ReviewBuilder.fromAdmissionReview(v, "Original");
                } catch (GatekeeperException e) {
                    error = e.getMessage();
                }
            } else if (Obj.kind(v).isEmpty() || Obj.groupVersion(v)[1].isEmpty()) {
                error = "invalid request object: resource " + Obj.name(v) + " has no "
                        + (Obj.groupVersion(v)[1].isEmpty() ? "version" : "kind");
            } else {
                review = ReviewBuilder.fromObject(v, null, "Original");
            }
            SampleMutation.Mutated mutation = null;
            if (error == null) {
                try {
                    mutation = SampleMutation.apply(mutations, v, review, client.inventory());
                    if (mutation != null) {
                        review = mutation.review();
                    }
                } catch (MutationException | GatekeeperException e) {
                    error = e.getMessage();
                }
            }
            if (error != null) {
                problems.add(Problem.error("samples", error, parsed.positions().key("kind").isKnown()
                        ? parsed.positions().key("kind") : parsed.positions().value(""), offset));
            }
            if (error == null) {
                problems.addAll(SampleSchema.check(admissionReview ? Obj.get(v, "request", "object") : v,
                        admissionReview ? "request.object" : "", parsed.positions(), offset));
            }
            samples.add(new Sample(doc, v, parsed.positions(), error == null ? review : null, error, mutation));
        }
    }

    /** The evaluated constraints (valid ones). */
    List<Constraint> validConstraints() {
        return constraints.stream().filter(c -> c.entry() != null).toList();
    }

    /** {@code input} of an evaluation, as Gatekeeper builds it. */
    static Value input(Review review, ConstraintEntry entry) {
        return ObjectValue.builder().put("review", review.value()).put("parameters", entry.parameters()).build();
    }

    /** The name shown for a sample: the {@code # case:} name, else the object's name. */
    static String displayName(Sample s) {
        if (s.doc().caseName() != null) {
            return s.doc().caseName();
        }
        Value subject = s.review() != null ? s.review().subject() : s.value();
        String name = subject == null ? "" : Obj.name(subject);
        if (name.isEmpty() && subject != null) {
            name = Obj.str(subject, "metadata", "generateName");
        }
        return name.isEmpty() ? "sample-" + (s.doc().index() + 1) : name;
    }

    static String str(Value v) {
        return v instanceof StringValue s ? s.value() : "";
    }

    static ArrayValue arr(List<Value> values) {
        return ArrayValue.of(values);
    }
}
