package dev.gkstudio.rego.parser;

import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.compiler.CompileOptions;
import dev.gkstudio.rego.compiler.CompileResult;
import dev.gkstudio.rego.compiler.RegoCompiler;

import java.util.List;

/**
 * Simple benchmark (no JMH harness needed): parse + compile of a generated 2,000-line policy and of a typical
 * Gatekeeper template. Run: {@code java -cp <test-classpath> dev.gkstudio.rego.parser.FrontEndBenchmark}.
 * Targets: under 20 ms per 2,000-line policy, under 200 µs per template.
 */
public final class FrontEndBenchmark {
    private FrontEndBenchmark() {}

    /** A policy of about {@code lines} lines mixing rules, functions, comprehensions, every, with. */
    public static String bigPolicy(int lines) {
        StringBuilder sb = new StringBuilder("package bench\n\nimport data.lib.util\n\n");
        int i = 0;
        while (sb.chars().filter(c -> c == '\n').count() < lines) {
            sb.append("# rule ").append(i).append('\n');
            sb.append("deny contains msg if {\n");
            sb.append("  some c in input.review.object.spec.containers\n");
            sb.append("  not startswith(c.image, \"registry").append(i).append(".example.com/\")\n");
            sb.append("  names := {n | some x in input.parameters.names; n := lower(x)}\n");
            sb.append("  count(names) > ").append(i % 7).append('\n');
            sb.append("  msg := sprintf(\"container <%v> uses bad image <%v>\", [c.name, c.image])\n");
            sb.append("}\n\n");
            sb.append("f").append(i).append("(x) := y if {\n  y := x + ").append(i).append("\n} else := 0\n\n");
            sb.append("allow").append(i).append(" if {\n  every k, v in input.labels { is_string(v); k != \"\" }\n  f")
                    .append(i).append("(1) == ").append(i + 1).append(" with input.a as 1\n}\n\n");
            i++;
        }
        return sb.toString();
    }

    public static final String TEMPLATE = """
            package k8srequiredlabels

            get_message(parameters, _default) = msg {
              not parameters.message
              msg := _default
            }

            get_message(parameters, _default) = msg {
              msg := parameters.message
            }

            violation[{"msg": msg, "details": {"missing_labels": missing}}] {
              provided := {label | input.review.object.metadata.labels[label]}
              required := {label | label := input.parameters.labels[_].key}
              missing := required - provided
              count(missing) > 0
              def_msg := sprintf("you must provide labels: %v", [missing])
              msg := get_message(input.parameters, def_msg)
            }

            violation[{"msg": msg}] {
              value := input.review.object.metadata.labels[key]
              expected := input.parameters.labels[_]
              expected.key == key
              # do not match if allowedRegex is not defined, or is an empty string
              expected.allowedRegex != ""
              not regex.match(expected.allowedRegex, value)
              def_msg := sprintf("Label <%v: %v> does not satisfy allowed regex: %v", [key, value, expected.allowedRegex])
              msg := get_message(input.parameters, def_msg)
            }
            """;

    static void once(String src, RegoVersion v) {
        ParseResult r = RegoParser.parseModule(new SourceFile("bench.rego", src), v);
        if (!r.ok()) throw new IllegalStateException(r.diagnostics().toString());
        CompileResult c = RegoCompiler.compile(List.of(r.module()), CompileOptions.defaults());
        if (!c.ok()) throw new IllegalStateException(c.diagnostics().toString());
    }

    /** @return average nanoseconds per parse+compile. */
    static double measure(String src, RegoVersion v, int warmup, int iters) {
        for (int i = 0; i < warmup; i++) once(src, v);
        long t0 = System.nanoTime();
        for (int i = 0; i < iters; i++) once(src, v);
        return (System.nanoTime() - t0) / (double) iters;
    }

    public static void main(String[] args) {
        String big = bigPolicy(2000);
        System.out.printf("2,000-line policy (%d lines): %.2f ms/op%n", big.split("\n").length, measure(big, RegoVersion.V1, 50, 100) / 1e6);
        System.out.printf("typical template (%d lines): %.1f us/op%n", TEMPLATE.split("\n").length, measure(TEMPLATE, RegoVersion.V0, 20000, 20000) / 1e3);
    }
}
