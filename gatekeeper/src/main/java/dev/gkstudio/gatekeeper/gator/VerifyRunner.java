package dev.gkstudio.gatekeeper.gator;

import dev.gkstudio.gatekeeper.client.GatekeeperClient;
import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.client.ReviewResponse;
import dev.gkstudio.gatekeeper.client.TemplateCompiler;
import dev.gkstudio.gatekeeper.constraint.EnforcementActions;
import dev.gkstudio.gatekeeper.engine.EvalOptions;
import dev.gkstudio.gatekeeper.review.Review;
import dev.gkstudio.gatekeeper.review.ReviewBuilder;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs gator Suites: each case in a fresh client (template + constraint + that case's inventory). */
public final class VerifyRunner {
    private final TemplateCompiler compiler;
    private final boolean verbose;
    private final boolean trace;

    public VerifyRunner(TemplateCompiler compiler, boolean verbose, boolean trace) {
        this.compiler = compiler;
        this.verbose = verbose;
        this.trace = trace;
    }

    public VerifyResults.SuiteResult run(Suite s, Filter filter) {
        long start = System.nanoTime();
        if (s.skip()) return new VerifyResults.SuiteResult(s.inputPath(), null, 0, List.of(), true);
        Path dir = Path.of("/" + s.absolutePath()).getParent();
        List<VerifyResults.TestResult> tests = new ArrayList<>();
        for (Suite.Test t : s.tests()) {
            if (t.skip() || !filter.matchesTest(t)) {
                tests.add(new VerifyResults.TestResult(t.name(), true, null, 0, List.of()));
                continue;
            }
            tests.add(runTest(dir, t, filter));
        }
        return new VerifyResults.SuiteResult(s.inputPath(), null, System.nanoTime() - start, tests, false);
    }

    private VerifyResults.TestResult runTest(Path dir, Suite.Test t, Filter filter) {
        long start = System.nanoTime();
        String err = null;
        boolean schema = false;
        try {
            newClient(dir, t, false);
        } catch (GatorError e) {
            err = e.getMessage();
            schema = e.isSchema();
        }
        List<VerifyResults.CaseResult> cases = new ArrayList<>();
        if (t.invalid()) {
            if (schema) {
                err = null;
            } else {
                err = "constraint should have failed schema validation: got error " + (err == null ? "%!w(<nil>)" : err)
                        + " but want schema validation failed";
            }
        } else if (err == null) {
            for (Suite.Case c : t.cases()) {
                if (c.skip() || !filter.matchesCase(t.name(), c.name())) {
                    cases.add(new VerifyResults.CaseResult(c.name(), true, null, 0, null, List.of()));
                    continue;
                }
                cases.add(runCase(dir, t, c));
            }
        }
        return new VerifyResults.TestResult(t.name(), false, err, System.nanoTime() - start, cases);
    }

    /** A client with the test's template and constraint. */
    private GatekeeperClient newClient(Path dir, Suite.Test t, boolean wrapConstraintErrors) throws GatorError {
        GatekeeperClient client = new GatekeeperClient(compiler, EnforcementActions.GATOR);
        if (t.template().isEmpty()) throw new GatorError("invalid Suite: missing template");
        Path tp = dir.resolve(t.template()).normalize();
        String tps = ObjectFiles.fsPath(tp);
        YamlDocument td;
        try {
            String text = ObjectFiles.read(tp);
            td = ObjectFiles.readOne(tp, "adding template: parsing ConstraintTemplate YAML from ");
            if (text.isEmpty()) throw new GatorError("path \"" + tps + "\": not a ConstraintTemplate");
        } catch (GatorError e) {
            if (e.getMessage().startsWith("open ")) throw new GatorError("reading ConstraintTemplate from \"" + tps + "\": " + e.getMessage());
            throw e;
        }
        if (!TemplateReader.isTemplate(td.value())) throw new GatorError("path \"" + tps + "\": not a ConstraintTemplate");
        try {
            client.addTemplate(TemplateReader.read(td));
        } catch (GatekeeperException e) {
            throw new GatorError("adding template: " + e.getMessage());
        }
        if (t.constraint().isEmpty()) throw new GatorError("invalid Suite: missing constraint");
        Path cp = dir.resolve(t.constraint()).normalize();
        String cps = ObjectFiles.fsPath(cp);
        YamlDocument cd;
        try {
            ObjectFiles.read(cp);
            cd = ObjectFiles.readOne(cp, "adding constraint: parsing Constraint from ");
        } catch (GatorError e) {
            if (e.getMessage().startsWith("open ")) throw new GatorError("reading Constraint from \"" + cps + "\": " + e.getMessage());
            throw e;
        }
        if (!"constraints.gatekeeper.sh".equals(Obj.groupVersion(cd.value())[0])) throw new GatorError("not a Constraint");
        try {
            client.addConstraint((ObjectValue) cd.value(), cd.positions());
        } catch (GatekeeperException e) {
            throw new GatorError((wrapConstraintErrors ? "adding constraint: " : "") + e.getMessage(), e.isSchemaError());
        }
        return client;
    }

    private VerifyResults.CaseResult runCase(Path dir, Suite.Test t, Suite.Case c) {
        long start = System.nanoTime();
        List<String> prints = new ArrayList<>();
        String traceText = null;
        String err = null;
        try {
            ReviewResponse resp = review(dir, t, c);
            prints.addAll(resp.prints());
            if (trace) traceText = traceDump(resp);
            for (Suite.Assertion a : c.assertions()) {
                String e = Assertions.run(a, resp.results());
                if (e != null) {
                    err = e;
                    break;
                }
            }
        } catch (GatorError e) {
            err = e.getMessage();
        }
        return new VerifyResults.CaseResult(c.name(), false, err, System.nanoTime() - start, traceText, prints);
    }

    /**
     * The review of one case of suite {@code s} exactly as {@link #run} makes it (before the assertions): a fresh
     * client with the test's template and constraint and the case's inventory. Throws with the text verify reports.
     */
    public ReviewResponse review(Suite s, Suite.Test t, Suite.Case c) throws GatorError {
        return review(Path.of("/" + s.absolutePath()).getParent(), t, c);
    }

    private ReviewResponse review(Path dir, Suite.Test t, Suite.Case c) throws GatorError {
        if (c.object().isEmpty()) throw new GatorError("invalid Case: must define object");
        if (c.assertions().isEmpty()) throw new GatorError("invalid Case: assertions must be non-empty");
        GatekeeperClient client = newClient(dir, t, true);
        Path op = dir.resolve(c.object()).normalize();
        List<YamlDocument> objs = ObjectFiles.readObjects(op);
        if (objs.isEmpty()) throw new GatorError("missing objects: path \"" + ObjectFiles.fsPath(op) + "\" defines no YAML objects");
        if (objs.size() != 1) {
            throw new GatorError("object file must contain exactly one object: \"" + ObjectFiles.fsPath(op) + "\" defines " + objs.size() + " objects");
        }
        Value obj = objs.get(0).value();
        for (String inv : c.inventory()) {
            Path ip = dir.resolve(inv).normalize();
            List<YamlDocument> ds = ObjectFiles.readObjects(ip);
            if (ds.isEmpty()) throw new GatorError("missing objects: path \"" + ObjectFiles.fsPath(ip) + "\" defines no YAML objects");
            for (YamlDocument d : ds) {
                String e = client.addData(d.value());
                if (e != null) {
                    String[] gv = Obj.groupVersion(d.value());
                    throw new GatorError("unable to add object to data.inventory: " + gv[0] + "/" + gv[1] + ", Kind=" + Obj.kind(d.value())
                            + " " + Obj.namespace(d.value()) + "/" + Obj.name(d.value()) + ": " + e);
                }
            }
        }
        Review review;
        try {
            review = ReviewBuilder.isAdmissionReview(obj) ? ReviewBuilder.fromAdmissionReview(obj, "Original")
                    : ReviewBuilder.fromObject(obj, null, "Original");
        } catch (GatekeeperException e) {
            throw new GatorError(e.getMessage());
        }
        ReviewResponse resp;
        EvalOptions options = EvalOptions.DEFAULT.withTrace(trace).withPrints(verbose);
        try {
            resp = client.review(review, options);
        } catch (GatekeeperException e) {
            throw new GatorError(e.getMessage());
        }
        if (!t.expansion().isEmpty() && !ReviewBuilder.isAdmissionReview(obj)) {
            resp = Implied.review(client, Implied.templatesOnly(dir.resolve(t.expansion()).normalize()),
                    (ObjectValue) obj, resp, options, false);
        }
        return resp;
    }

    private static String traceDump(ReviewResponse resp) {
        StringBuilder b = new StringBuilder("Target: ").append(GatekeeperClient.TARGET).append('\n');
        if (resp.trace() == null) b.append("Trace: TRACING DISABLED\n\n");
        else b.append("Trace:\n").append(resp.trace()).append("\n\n");
        for (int i = 0; i < resp.results().size(); i++) {
            b.append("Result(").append(i).append("):\n").append(resp.results().get(i).msg()).append("\n\n");
        }
        return b.toString() + "\n\n";
    }
}
