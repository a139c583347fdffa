package dev.gkstudio.rego.bench;

import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.PreparedQuery;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.Value;
import org.openjdk.jmh.annotations.*;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

/**
 * Evaluation of a Gatekeeper-style {@code violation} rule (K8sAllowedRepos) against an admission review of a Pod
 * with 3 containers (one violating): microseconds per review. Run: see rego/README.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class EvalBenchmark {
    public static final String TEMPLATE = """
            package k8sallowedrepos

            violation[{"msg": msg}] {
              container := input.review.object.spec.containers[_]
              not strings.any_prefix_match(container.image, input.parameters.repos)
              msg := sprintf("container <%v> has an invalid image repo <%v>, allowed repos are %v", [container.name, container.image, input.parameters.repos])
            }

            violation[{"msg": msg}] {
              container := input.review.object.spec.initContainers[_]
              not strings.any_prefix_match(container.image, input.parameters.repos)
              msg := sprintf("initContainer <%v> has an invalid image repo <%v>, allowed repos are %v", [container.name, container.image, input.parameters.repos])
            }

            violation[{"msg": msg}] {
              container := input.review.object.spec.ephemeralContainers[_]
              not strings.any_prefix_match(container.image, input.parameters.repos)
              msg := sprintf("ephemeralContainer <%v> has an invalid image repo <%v>, allowed repos are %v", [container.name, container.image, input.parameters.repos])
            }
            """;

    public static final String INPUT = """
            {"parameters": {"repos": ["gcr.io/mycompany/", "registry.k8s.io/"]},
             "review": {"kind": {"group": "", "version": "v1", "kind": "Pod"}, "operation": "CREATE",
               "object": {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}},
                 "spec": {"containers": [
                   {"name": "app", "image": "gcr.io/mycompany/app:1.2.3", "ports": [{"containerPort": 8080}]},
                   {"name": "sidecar", "image": "registry.k8s.io/pause:3.9"},
                   {"name": "debug", "image": "docker.io/library/busybox:latest"}]}}}}
            """;

    PreparedQuery query;
    /** The same query without OPA's Rego-API value capture: what capturing expression values costs. */
    PreparedQuery topdown;
    EvalOptions options;

    @Setup
    public void setup() throws Exception {
        var policy = Rego.compile("template.rego", TEMPLATE, RegoVersion.V0).policyOrThrow();
        query = policy.prepare("data.k8sallowedrepos.violation[result]");
        topdown = policy.prepareTopdown("data.k8sallowedrepos.violation[result]");
        Value input = Json.parse(INPUT);
        options = EvalOptions.builder().input(input).build();
        EvalResult r = query.eval(options);
        if (r.bindings().size() != 1 || r.error() != null) throw new IllegalStateException("unexpected result " + r);
    }

    @Benchmark
    public EvalResult violationReview() {
        return query.eval(options);
    }

    @Benchmark
    public EvalResult violationReviewTopdown() {
        return topdown.eval(options);
    }

    /**
     * Quick check without JMH, in thread CPU time (wall time is noise on a shared box): {@code java -cp ...
     * dev.gkstudio.rego.bench.EvalBenchmark}; prints each round of 200,000 reviews and the best round after warm-up.
     */
    public static void main(String[] args) throws Exception {
        EvalBenchmark b = new EvalBenchmark();
        b.setup();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 12; round++) {
            int n = 200_000;
            long c0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) b.violationReview();
            double us = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / n;
            if (round >= 2) best = Math.min(best, us);
            System.out.printf("round %d: %.3f us thread CPU per review%n", round, us);
        }
        System.out.printf("best after warm-up: %.3f us thread CPU per review%n", best);
    }
}
