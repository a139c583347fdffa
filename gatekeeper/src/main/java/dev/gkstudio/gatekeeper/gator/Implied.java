package dev.gkstudio.gatekeeper.gator;

import dev.gkstudio.gatekeeper.client.GatekeeperClient;
import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.gatekeeper.client.ReviewResponse;
import dev.gkstudio.gatekeeper.engine.EvalOptions;
import dev.gkstudio.gatekeeper.expansion.ExpansionTemplate;
import dev.gkstudio.gatekeeper.expansion.Expander;
import dev.gkstudio.gatekeeper.mutation.MutationException;
import dev.gkstudio.gatekeeper.review.ReviewBuilder;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Violations implied by expansion: the generator is mutated and expanded, each resultant reviewed as a generated
 * object, its violations take the template's enforcement action (when set) and the prefix
 * {@code [Implied by <template>]}, and are added to the generator's own (gator's AggregateResponses).
 */
final class Implied {
    private Implied() {
    }

    /**
     * @param mutatedSubject whether every result then shows the mutated generator (gator test mutates the object it
     *                       already reviewed, in place; verify reports the object as read)
     */
    static ReviewResponse review(GatekeeperClient client, Expander expander, ObjectValue generator, ReviewResponse own,
                                 EvalOptions options, boolean mutatedSubject) throws GatorError {
        Expander.Expansion ex;
        try {
            ex = expander.expand(generator);
        } catch (MutationException e) {
            throw new GatorError("expanding resource " + Obj.name(generator) + ": " + e.getMessage());
        }
        Value subject = mutatedSubject ? ex.base() : generator;
        List<Result> results = new ArrayList<>();
        for (Result r : own.results()) results.add(withSubject(r, r.msg(), r.enforcementAction(), subject));
        List<String> prints = new ArrayList<>(own.prints());
        for (Expander.Resultant res : ex.resultants()) {
            ReviewResponse rr;
            try {
                rr = client.review(ReviewBuilder.fromObject(res.object(), null, "Generated"), options);
            } catch (GatekeeperException e) {
                String[] gv = Obj.groupVersion(res.object());
                throw new GatorError("reviewing expanded resource " + gv[0] + "/" + gv[1] + ", Kind=" + Obj.kind(res.object())
                        + " " + Obj.namespace(res.object()) + "/" + Obj.name(res.object()) + ": " + e.getMessage());
            }
            prints.addAll(rr.prints());
            for (Result r : rr.results()) {
                String action = res.enforcementAction().isEmpty() ? r.enforcementAction() : res.enforcementAction();
                results.add(withSubject(r, "[Implied by " + res.templateName() + "] " + r.msg(), action, subject));
            }
        }
        return new ReviewResponse(results, prints, own.trace());
    }

    private static Result withSubject(Result r, String msg, String action, Value subject) {
        return new Result(msg, r.details(), r.constraint(), action, r.scopedActions(), subject, r.prints(), r.trace());
    }

    /** gator verify's {@code expansion:} file: ExpansionTemplates only, every document one. */
    static Expander templatesOnly(Path file) throws GatorError {
        List<YamlDocument> docs = ObjectFiles.readObjects(file);
        String p = ObjectFiles.fsPath(file);
        if (docs.isEmpty()) throw new GatorError("not an ExpansionTemplate: \"" + p + "\"");
        List<Value> values = new ArrayList<>();
        for (YamlDocument d : docs) {
            if (!ExpansionTemplate.isTemplate(d.value())) throw new GatorError("not an ExpansionTemplate: \"" + p + "\"");
            values.add(d.value());
        }
        try {
            return Expander.of(values);
        } catch (MutationException e) {
            throw new GatorError(e.getMessage());
        }
    }
}
