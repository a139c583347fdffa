package dev.gkstudio.rego.bench;

import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.parser.FrontEndBenchmark;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/**
 * Parse + compile through the facade, the work the Studio does on every keystroke in the Rego
 * editor: a generated 2,000-line v1 policy (target under 20 ms) and a typical v0 Gatekeeper
 * template (target under 200 µs). Run: see rego/README.md.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class FrontEndJmhBenchmark {
    String bigPolicy;

    @Setup
    public void setup() {
        bigPolicy = FrontEndBenchmark.bigPolicy(2000);
        check(bigPolicy, RegoVersion.V1);
        check(FrontEndBenchmark.TEMPLATE, RegoVersion.V0);
    }

    private static void check(String src, RegoVersion v) {
        CompileResult r = Rego.compile("bench.rego", src, v);
        if (!r.ok()) throw new IllegalStateException(r.diagnostics().toString());
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public CompileResult policy2000Lines() {
        return Rego.compile("bench.rego", bigPolicy, RegoVersion.V1);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public CompileResult typicalTemplate() {
        return Rego.compile("template.rego", FrontEndBenchmark.TEMPLATE, RegoVersion.V0);
    }
}
