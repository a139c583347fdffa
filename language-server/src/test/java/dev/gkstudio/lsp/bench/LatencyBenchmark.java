package dev.gkstudio.lsp.bench;

import java.util.Arrays;

import org.eclipse.lsp4j.Position;

import dev.gkstudio.lsp.features.CompletionFeature;
import dev.gkstudio.lsp.features.DiagnosticsFeature;
import dev.gkstudio.lsp.text.LineMap;
import dev.gkstudio.lsp.workspace.Document;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.Workspace;

/**
 * Latency of the two interactive paths on a 2,000-line Rego document: diagnostics after an edit (parse, compile,
 * lint) and completion after {@code input.review.object.spec.} and on a word. Targets: completion p95 &lt; 30 ms,
 * diagnostics p95 &lt; 80 ms. Not a test (not run by {@code mvn verify}); run it with
 * {@code mvn -pl language-server test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath dev.gkstudio.lsp.bench.LatencyBenchmark"} or from the IDE.
 */
public final class LatencyBenchmark {

    private LatencyBenchmark() {}

    public static String document(int lines) {
        StringBuilder sb = new StringBuilder("package k8s.bench\n\nimport rego.v1\n\n");
        int i = 0;
        while (sb.chars().filter(c -> c == '\n').count() < lines - 3) {
            sb.append("# METADATA\n# title: Rule ").append(i).append('\n');
            sb.append("violation contains {\"msg\": msg, \"details\": {\"rule\": ").append(i).append("}} if {\n");
            sb.append("\tsome container in input.review.object.spec.containers\n");
            sb.append("\tnot startswith(container.image, input.parameters.repos[_])\n");
            sb.append("\tlimits := object.get(container, [\"resources\", \"limits\"], {})\n");
            sb.append("\tcount(limits) > ").append(i % 7).append('\n');
            sb.append("\tmsg := sprintf(\"container %v violates rule ").append(i).append("\", [container.name])\n");
            sb.append("}\n\n");
            sb.append("helper_").append(i).append("(x) := y if {\n\ty := x * ").append(i).append("\n}\n\n");
            i++;
        }
        sb.append("last if {\n\tc := input.review.object.spec.\n}\n");
        return sb.toString();
    }

    public static void main(String[] args) {
        String text = document(2000);
        int lines = new LineMap(text).lineCount();
        int dot = text.lastIndexOf("spec.") + 5;
        Position afterDot = new LineMap(text).position(dot);
        String valid = text.replace("c := input.review.object.spec.\n", "c := input.review.object.spec\n");
        int word = valid.indexOf("\tcount(limits)", valid.length() / 2) + 4;
        Position inWord = new LineMap(valid).position(word);

        Workspace ws = new Workspace();
        long[] diag = new long[200], comp = new long[200], compWord = new long[200];
        for (int round = 0; round < 2; round++) { // round 0 warms up the JIT
            for (int i = 0; i < diag.length; i++) {
                long t0 = System.nanoTime();
                DocumentState s = ws.put(new Document("file:///bench.rego", "rego", i, i % 2 == 0 ? valid : valid + "\n"));
                DiagnosticsFeature.diagnostics(ws, s);
                diag[i] = System.nanoTime() - t0;
            }
            DocumentState broken = ws.put(new Document("file:///bench.rego", "rego", 1, text));
            for (int i = 0; i < comp.length; i++) {
                long t0 = System.nanoTime();
                CompletionFeature.complete(ws, broken, afterDot);
                comp[i] = System.nanoTime() - t0;
            }
            DocumentState ok = ws.put(new Document("file:///bench.rego", "rego", 2, valid));
            for (int i = 0; i < compWord.length; i++) {
                long t0 = System.nanoTime();
                CompletionFeature.complete(ws, ok, inWord);
                compWord[i] = System.nanoTime() - t0;
            }
        }
        System.out.printf("document: %d lines, %d chars; %d cores%n", lines, text.length(), Runtime.getRuntime().availableProcessors());
        report("diagnostics (parse + compile + lint)", diag, 80);
        report("completion after input.review.object.spec.", comp, 30);
        report("completion of a word (builtins, rules, vars)", compWord, 30);
    }

    private static void report(String name, long[] ns, int targetMs) {
        long[] s = ns.clone();
        Arrays.sort(s);
        double p50 = s[s.length / 2] / 1e6, p95 = s[(int) (s.length * 0.95)] / 1e6, max = s[s.length - 1] / 1e6;
        System.out.printf("%-46s p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms  (target p95 < %d ms: %s)%n",
                name, p50, p95, max, targetMs, p95 < targetMs ? "met" : "MISSED");
    }
}
