package dev.gkstudio.gatekeeper;

import static dev.gkstudio.gatekeeper.Fixtures.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.gatekeeper.gator.Assertions;
import dev.gkstudio.gatekeeper.gator.GoPrinter;
import dev.gkstudio.gatekeeper.gator.Suite;
import dev.gkstudio.gatekeeper.gator.VerifyResults;
import dev.gkstudio.gatekeeper.match.Glob;
import dev.gkstudio.gatekeeper.match.MatchException;
import dev.gkstudio.gatekeeper.match.Matcher;
import dev.gkstudio.gatekeeper.review.Review;
import dev.gkstudio.gatekeeper.review.ReviewBuilder;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchAndReviewTest {
    static final ObjectValue POD = obj("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n  namespace: prod\n  labels: {app: web}\n");
    static final ObjectValue POD_NO_NS = obj("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n");
    static final ObjectValue NS = obj("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels: {env: prod}\n");
    static final ObjectValue ROLE = obj("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\n");

    static boolean m(String match, Value o) throws MatchException {
        return new Matcher(obj(match)).matches(o, null, null, "Original");
    }

    @Test
    void kinds() throws Exception {
        assertTrue(m("kinds: [{apiGroups: [''], kinds: [Pod]}]", POD));
        assertFalse(m("kinds: [{apiGroups: [apps], kinds: [Pod]}]", POD));
        assertTrue(m("kinds: [{apiGroups: ['*'], kinds: ['*']}]", ROLE));
        assertTrue(m("kinds: []", ROLE));
        assertTrue(m("kinds: [{apiGroups: [apps], kinds: [Deployment]}, {kinds: [ClusterRole]}]", ROLE));
    }

    @Test
    void scope() throws Exception {
        assertTrue(m("scope: Cluster", ROLE));
        assertTrue(m("scope: Cluster", NS));
        assertFalse(m("scope: Cluster", POD));
        assertTrue(m("scope: Namespaced", POD));
        assertFalse(m("scope: Namespaced", NS));
        assertTrue(m("scope: whatever", POD));
    }

    @Test
    void namespacesGlobsAndTheNoNamespaceQuirk() throws Exception {
        assertTrue(m("namespaces: [prod]", POD));
        assertTrue(m("namespaces: ['pro*']", POD));
        assertTrue(m("namespaces: ['*od']", POD));
        assertTrue(m("namespaces: ['*ro*']", POD));
        assertFalse(m("namespaces: [dev]", POD));
        assertTrue(m("namespaces: [prod]", NS));
        assertTrue(m("namespaces: [dev]", POD_NO_NS), "an object without a namespace passes namespaces");
        assertTrue(m("excludedNamespaces: [dev]", POD));
        assertFalse(m("excludedNamespaces: ['prod*']", POD));
        assertTrue(m("excludedNamespaces: [prod]", POD_NO_NS), "an object without a namespace passes excludedNamespaces");
        assertTrue(Glob.matches("*", "anything"));
    }

    @Test
    void labelSelector() throws Exception {
        assertTrue(m("labelSelector: {matchLabels: {app: web}}", POD));
        assertFalse(m("labelSelector: {matchLabels: {app: db}}", POD));
        assertTrue(m("labelSelector: {matchExpressions: [{key: app, operator: In, values: [web, api]}]}", POD));
        assertFalse(m("labelSelector: {matchExpressions: [{key: app, operator: NotIn, values: [web]}]}", POD));
        assertTrue(m("labelSelector: {matchExpressions: [{key: tier, operator: DoesNotExist}]}", POD));
        assertFalse(m("labelSelector: {matchExpressions: [{key: tier, operator: Exists}]}", POD));
    }

    @Test
    void namespaceSelector() throws Exception {
        Matcher matcher = new Matcher(obj("namespaceSelector: {matchLabels: {env: prod}}"));
        assertTrue(matcher.matches(POD, null, NS, "Original"));
        assertTrue(matcher.matches(NS, null, null, "Original"), "a Namespace matches on its own labels");
        assertTrue(matcher.matches(ROLE, null, null, "Original"), "cluster-scoped objects pass");
        MatchException e = assertThrows(MatchException.class, () -> matcher.matches(POD, null, null, "Original"));
        assertEquals("error matching the requested object: web-1 :failed to run Match criteria: namespace selector for namespace-scoped object but missing Namespace", e.getMessage());
    }

    @Test
    void nameAndSource() throws Exception {
        assertTrue(m("name: web-1", POD));
        assertTrue(m("name: 'web-*'", POD));
        assertFalse(m("name: db", POD));
        assertTrue(m("name: 'web-*'", obj("apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: web-\n")));
        assertTrue(m("source: Original", POD));
        assertFalse(m("source: Generated", POD));
        assertTrue(m("source: All", POD));
    }

    @Test
    void oldObjectMayMatch() throws Exception {
        Matcher matcher = new Matcher(obj("labelSelector: {matchLabels: {app: db}}"));
        ObjectValue old = obj("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n  labels: {app: db}\n");
        assertTrue(matcher.matches(POD, old, null, "Original"));
    }

    @Test
    void plainObjectReview() {
        Review r = ReviewBuilder.fromObject(POD, null, "Original");
        assertEquals("{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}", Json.write(Obj.get(r.value(), "kind")));
        assertEquals("prod", Obj.str(r.value(), "namespace"));
        assertEquals("web-1", Obj.str(r.value(), "name"));
        assertEquals("{}", Json.write(Obj.get(r.value(), "userInfo")));
        assertEquals("null", Json.write(Obj.get(r.value(), "oldObject")));
        assertEquals(null, Obj.get(ReviewBuilder.fromObject(ROLE, null, "Original").value(), "namespace"));
    }

    @Test
    void admissionReviewUpdateAndDelete() throws Exception {
        String base = "apiVersion: admission.k8s.io/v1\nkind: AdmissionReview\nrequest:\n  uid: u1\n  operation: %s\n"
                + "  kind: {group: '', version: v1, kind: Pod}\n  userInfo: {username: alice, groups: [dev]}\n  dryRun: true\n%s";
        String objs = "  object: {apiVersion: v1, kind: Pod, metadata: {name: new}}\n  oldObject: {apiVersion: v1, kind: Pod, metadata: {name: old}}\n";
        Review u = ReviewBuilder.fromAdmissionReview(obj(String.format(base, "UPDATE", objs)), "Original");
        assertEquals("new", Obj.name(Obj.get(u.value(), "object")));
        assertEquals("old", Obj.name(Obj.get(u.value(), "oldObject")));
        assertEquals("alice", Obj.str(u.value(), "userInfo", "username"));
        assertEquals("true", Json.write(Obj.get(u.value(), "dryRun")));
        Review d = ReviewBuilder.fromAdmissionReview(obj(String.format(base, "DELETE",
                "  oldObject: {apiVersion: v1, kind: Pod, metadata: {name: old}}\n")), "Original");
        assertEquals("old", Obj.name(Obj.get(d.value(), "object")), "DELETE reviews oldObject as object");
        GatekeeperException e = assertThrows(GatekeeperException.class, () -> ReviewBuilder.fromAdmissionReview(
                obj(String.format(base, "DELETE", "  object: {apiVersion: v1, kind: Pod, metadata: {name: x}}\n")), "Original"));
        assertEquals("not a valid AdmissionReview object: For admission webhooks registered for DELETE operations, please use Kubernetes v1.15.0+.", e.getMessage());
        GatekeeperException none = assertThrows(GatekeeperException.class, () -> ReviewBuilder.fromAdmissionReview(
                obj(String.format(base, "CREATE", "")), "Original"));
        assertTrue(none.getMessage().startsWith("no object or oldObject found to review"));
        Review minimal = ReviewBuilder.fromAdmissionReview(obj("apiVersion: admission.k8s.io/v1beta1\nkind: AdmissionReview\nrequest:\n  object: {kind: Pod}\n"), "Original");
        assertEquals("{\"group\":\"\",\"kind\":\"\",\"version\":\"\"}", Json.write(Obj.get(minimal.value(), "kind")));
    }

    private static Result result(String msg) {
        return new Result(msg, ObjectValue.EMPTY, ObjectValue.EMPTY, "deny", List.of(), POD, List.of(), null);
    }

    @Test
    void assertionMessages() {
        List<Result> rs = List.of(result("missing label app"), result("missing label team"));
        assertEquals(null, Assertions.run(new Suite.Assertion(null, null), rs));
        assertEquals(null, Assertions.run(new Suite.Assertion(NumberValue.of(1), "team"), rs));
        assertEquals("unexpected number of violations: got 2 violations but want none: got messages [missing label app missing label team]",
                Assertions.run(new Suite.Assertion(StringValue.of("no"), null), rs));
        assertEquals("unexpected number of violations: got 0 violations containing \"owner\" but want at least 1: got messages [missing label app missing label team]",
                Assertions.run(new Suite.Assertion(StringValue.of("yes"), "owner"), rs));
        assertEquals("unexpected number of violations: got 2 violations but want exactly 3: got messages [missing label app missing label team]",
                Assertions.run(new Suite.Assertion(NumberValue.of(3), null), rs));
        assertEquals("unexpected number of violations: got 0 violations but want at least 1: got messages []",
                Assertions.run(new Suite.Assertion(null, null), List.of()));
        assertTrue(Assertions.run(new Suite.Assertion(StringValue.of("maybe"), null), rs).startsWith("invalid yaml: assertion.violation"));
    }

    @Test
    void goPrinterFormat() {
        VerifyResults.CaseResult ok = new VerifyResults.CaseResult("good", false, null, 1_000_000, null, List.of());
        VerifyResults.CaseResult bad = new VerifyResults.CaseResult("bad", false, "boom", 2_000_000, null, List.of());
        VerifyResults.TestResult t = new VerifyResults.TestResult("t1", false, null, 3_000_000, List.of(ok, bad));
        VerifyResults.SuiteResult s = new VerifyResults.SuiteResult("dir/suite.yaml", null, 4_000_000, List.of(t), false);
        assertEquals("    --- FAIL: bad\t(0.002s)\n        boom\n--- FAIL: t1\t(0.003s)\nFAIL\tdir/suite.yaml\t0.004s\nFAIL\n",
                GoPrinter.print(List.of(s), false));
        VerifyResults.TestResult t2 = new VerifyResults.TestResult("t2", false, null, 3_000_000, List.of(ok));
        VerifyResults.SuiteResult s2 = new VerifyResults.SuiteResult("s.yaml", null, 4_000_000, List.of(t2), false);
        assertEquals("=== RUN   t2\n    === RUN   good\n    --- PASS: good\t(0.001s)\n--- PASS: t2\t(0.003s)\nok\ts.yaml\t0.004s\nPASS\n",
                GoPrinter.print(List.of(s2), true));
    }
}
