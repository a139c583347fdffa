package dev.gkstudio.backend.eval;

import java.util.List;

import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.expansion.Expander;
import dev.gkstudio.gatekeeper.expansion.ExpansionTemplate;
import dev.gkstudio.gatekeeper.mutation.MutationException;
import dev.gkstudio.gatekeeper.mutation.MutationSystem;
import dev.gkstudio.gatekeeper.mutation.Mutators;
import dev.gkstudio.gatekeeper.review.Inventory;
import dev.gkstudio.gatekeeper.review.Review;
import dev.gkstudio.gatekeeper.review.ReviewBuilder;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.SourceRange;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;

/**
 * The Mutators tab: Gatekeeper's mutating webhook in front of the validating one. Each sample is mutated as the
 * API server would store it (every matching mutator, repeated until the object settles), and the constraints then
 * review the mutated object, through the same {@link MutationSystem} as {@code gkstudio test}.
 */
final class SampleMutation {

    /**
     * A sample that at least one mutator changed.
     *
     * @param original the object as written in the samples editor
     * @param mutated  the object after mutation (what the constraints review)
     * @param applied  ids of the mutators that changed it, in order of application
     * @param review   the review of the mutated object
     * @param document the sample document with the mutated object (the object, or the AdmissionReview carrying it)
     */
    record Mutated(ObjectValue original, ObjectValue mutated, List<String> applied, Review review, Value document) {

        /**
         * The sample as the API server would store it, for exported suites: gator verify does not mutate, so a
         * case holds the object the Studio reviewed.
         */
        String storedText() {
            return "# after the mutators " + String.join(", ", applied) + "\n" + YamlWriter.write(document);
        }
    }

    private SampleMutation() {
    }

    /** Reads the mutators editor; each document that is not a valid mutator becomes a problem with its position. */
    static MutationSystem load(String text, YamlLoader yaml, List<Problem> problems) {
        MutationSystem system = new MutationSystem();
        for (SampleDocument doc : SampleDocument.split(text)) {
            int offset = doc.firstLine() - 1;
            YamlDocument parsed;
            try {
                parsed = yaml.loadOne(doc.text());
            } catch (YamlException e) {
                problems.add(Problem.error("mutators", e.getMessage(), e.range(), offset));
                continue;
            }
            Value v = parsed.value();
            if (v instanceof NullValue) {
                continue; // comments only
            }
            String kindAt = parsed.positions().key("kind").isKnown() ? "kind" : "";
            if (v instanceof ObjectValue o && ExpansionTemplate.isTemplate(o)) {
                problems.add(Problem.error("mutators", "ExpansionTemplates are not applied to the Studio's samples: "
                        + "gkstudio expand and gkstudio test expand generator resources", parsed.positions().key(kindAt),
                        offset));
                continue;
            }
            if (!(v instanceof ObjectValue o) || !Mutators.isMutator(o)) {
                problems.add(Problem.error("mutators", "not a mutator: expected apiVersion mutations.gatekeeper.sh/v1 "
                        + "and kind Assign, AssignMetadata, ModifySet or AssignImage", parsed.positions().key(kindAt),
                        offset));
                continue;
            }
            try {
                system.add(Mutators.of(o));
            } catch (MutationException e) {
                problems.add(Problem.error("mutators", e.getMessage(), where(e.getMessage(), parsed), offset));
            }
        }
        return system;
    }

    /** The field a refusal is about, as near as its wording tells: location, applyTo, parameters, else spec. */
    private static SourceRange where(String message, YamlDocument parsed) {
        String field = message.contains("applyTo") ? "spec.applyTo"
                : message.contains("location") || message.contains("path") || message.contains("metadata")
                        || message.contains("list") ? "spec.location"
                : message.contains("assign") || message.contains("value") ? "spec.parameters"
                : "spec";
        for (String f = field; !f.isEmpty(); f = f.contains(".") ? f.substring(0, f.lastIndexOf('.')) : "") {
            if (parsed.positions().key(f).isKnown()) {
                return parsed.positions().key(f);
            }
        }
        return parsed.positions().key("kind");
    }

    /**
     * Mutates a sample's object. Gatekeeper's mutating webhook sees CREATE and UPDATE requests only, so an
     * AdmissionReview of another operation is left as it is; so is a sample no mutator changes (null).
     *
     * @param sample          the sample as written (an object or an AdmissionReview)
     * @param review          its review before mutation
     * @param inventory       where the object's Namespace comes from (for namespaceSelector)
     */
    static Mutated apply(MutationSystem system, Value sample, Review review, Inventory inventory)
            throws MutationException, GatekeeperException {
        boolean admissionReview = ReviewBuilder.isAdmissionReview(sample);
        String operation = Obj.str(review.value(), "operation");
        if (system.mutators().isEmpty() || !(review.object() instanceof ObjectValue object)
                || admissionReview && !operation.equals("CREATE") && !operation.equals("UPDATE")) {
            return null;
        }
        String ns = admissionReview ? review.namespace() : Obj.namespace(object);
        MutationSystem.Outcome outcome = system.mutate(object, Expander.namespaceFor(ns, inventory.namespace(ns)),
                review.source());
        if (outcome.applied().isEmpty()) {
            return null;
        }
        Value document = admissionReview ? Obj.with((ObjectValue) sample, outcome.object(), "request", "object")
                : outcome.object();
        Review mutated = admissionReview ? ReviewBuilder.fromAdmissionReview(document, review.source())
                : ReviewBuilder.fromObject(outcome.object(), review.namespaceObject(), review.source());
        return new Mutated(object, outcome.object(), outcome.applied(), mutated, document);
    }
}
