package dev.gkstudio.gatekeeper.gator;

import dev.gkstudio.gatekeeper.client.GatekeeperClient;
import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.gatekeeper.client.ReviewResponse;
import dev.gkstudio.gatekeeper.client.TemplateCompiler;
import dev.gkstudio.gatekeeper.client.TemplateStats;
import dev.gkstudio.gatekeeper.constraint.EnforcementActions;
import dev.gkstudio.gatekeeper.engine.EvalOptions;
import dev.gkstudio.gatekeeper.expansion.Expander;
import dev.gkstudio.gatekeeper.mutation.MutationException;
import dev.gkstudio.gatekeeper.review.ReviewBuilder;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** {@code gator test}: every object reviewed against every template and constraint found in the inputs. */
public final class GatorTest {
    private GatorTest() {
    }

    /**
     * @param trace   collect the evaluation trace ({@code -t})
     * @param stats   gather the Rego driver's stats ({@code --stats})
     * @param verbose print() output of the policies ({@code -v})
     */
    public record Options(boolean trace, boolean stats, boolean verbose) {
    }

    /**
     * @param results  violations, sorted by enforcement action then message
     * @param trace    all reviews' traces joined as gator does (each result carries this same trace), or null
     * @param stats    per review and template, when gathered, else null
     * @param celKinds constraint kinds whose template ran on the K8sNativeValidation driver
     */
    public record Outcome(List<Result> results, String trace, List<TemplateStats> stats, Set<String> celKinds) {
    }

    /** Runs gator test over the objects; {@code prints} receives print() lines as they happen when verbose. */
    public static Outcome test(List<YamlDocument> docs, TemplateCompiler compiler, Options o, Consumer<String> prints)
            throws GatorError {
        GatekeeperClient client = new GatekeeperClient(compiler, EnforcementActions.GATOR);
        client.acceptUnknownEnforcementActions(true);
        Set<String> celKinds = new TreeSet<>();
        for (YamlDocument d : docs) {
            if (!TemplateReader.isTemplate(d.value())) continue;
            try {
                GatekeeperClient.TemplateEntry t = client.addTemplate(TemplateReader.read(d));
                if (t.cel() != null) celKinds.add(t.template().kind());
            } catch (GatekeeperException e) {
                throw new GatorError("adding template \"" + Obj.name(d.value()) + "\": " + e.getMessage());
            }
        }
        for (YamlDocument d : docs) {
            if (!"constraints.gatekeeper.sh".equals(Obj.groupVersion(d.value())[0])) continue;
            try {
                client.addConstraint((ObjectValue) d.value(), d.positions());
            } catch (GatekeeperException e) {
                throw new GatorError("adding constraint \"" + Obj.name(d.value()) + "\": " + e.getMessage());
            }
        }
        for (YamlDocument d : docs) {
            String e = client.addData(d.value());
            if (e != null) {
                String[] gv = Obj.groupVersion(d.value());
                throw new GatorError("adding data of GVK \"" + gv[0] + "/" + gv[1] + ", Kind=" + Obj.kind(d.value()) + "\": " + e);
            }
        }
        Expander expander;
        try {
            expander = Expander.of(docs.stream().map(YamlDocument::value).toList());
        } catch (MutationException e) {
            throw new GatorError("error creating expander: " + e.getMessage());
        }
        List<TemplateStats> stats = o.stats() ? new ArrayList<>() : null;
        if (stats != null) client.gatherStats(stats);
        EvalOptions options = EvalOptions.DEFAULT.withTrace(o.trace()).withPrints(o.verbose());
        List<Result> results = new ArrayList<>();
        String trace = null;
        for (YamlDocument d : docs) {
            Value obj = d.value();
            ReviewResponse resp;
            try {
                resp = client.review(ReviewBuilder.fromObject(obj, null, "Original"), options);
            } catch (GatekeeperException e) {
                String[] gv = Obj.groupVersion(obj);
                throw new GatorError("reviewing " + gv[0] + "/" + gv[1] + ", Kind=" + Obj.kind(obj) + " "
                        + Obj.namespace(obj) + "/" + Obj.name(obj) + ": " + e.getMessage());
            }
            if (!expander.isEmpty() && obj instanceof ObjectValue generator) {
                resp = Implied.review(client, expander, generator, resp, options, true);
            }
            if (o.verbose()) resp.prints().forEach(prints);
            results.addAll(resp.results());
            if (resp.trace() != null) trace = (trace == null ? "" : trace) + "\n\n" + resp.trace();
        }
        results.sort(Comparator.comparing(Result::enforcementAction).thenComparing(Result::msg));
        return new Outcome(results, trace, stats, celKinds);
    }

    /** gator's exit status: 1 when a result's action, or one of its scoped actions, is deny. */
    public static boolean anyDeny(List<Result> results) {
        for (Result r : results) if (r.isDeny()) return true;
        return false;
    }
}
