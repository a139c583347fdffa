package dev.gkstudio.gatekeeper.gator;

import dev.gkstudio.gatekeeper.util.GoJson;
import dev.gkstudio.gatekeeper.util.GoYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** gator bench's table (text/tabwriter, padding 2), JSON (two-space MarshalIndent) and YAML outputs. */
public final class BenchOutput {
    private BenchOutput() {
    }

    public static String format(List<GatorBench.Results> results, String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> GoJson.marshalIndent(structs(results), "  ");
            case "yaml" -> GoYaml.marshal(structs(results));
            default -> table(results);
        };
    }

    private static List<Object> structs(List<GatorBench.Results> results) {
        List<Object> out = new ArrayList<>();
        for (GatorBench.Results r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("engine", r.engine());
            m.put("templateCount", (long) r.templateCount());
            m.put("constraintCount", (long) r.constraintCount());
            m.put("objectCount", (long) r.objectCount());
            m.put("iterations", (long) r.iterations());
            if (r.concurrency() != 0) m.put("concurrency", (long) r.concurrency());
            m.put("totalReviews", (long) r.iterations() * r.objectCount());
            m.put("setupDuration", GatorBench.goDuration(r.setupNs()));
            Map<String, Object> setup = new LinkedHashMap<>();
            setup.put("clientCreation", GatorBench.goDuration(r.clientNs()));
            setup.put("templateCompilation", GatorBench.goDuration(r.templateNs()));
            setup.put("constraintLoading", GatorBench.goDuration(r.constraintNs()));
            setup.put("dataLoading", GatorBench.goDuration(r.dataNs()));
            m.put("setupBreakdown", setup);
            m.put("totalDuration", GatorBench.goDuration(r.totalNs()));
            GatorBench.Latencies l = r.latencies();
            Map<String, Object> lat = new LinkedHashMap<>();
            lat.put("min", GatorBench.goDuration(l.min()));
            lat.put("max", GatorBench.goDuration(l.max()));
            lat.put("mean", GatorBench.goDuration(l.mean()));
            lat.put("p50", GatorBench.goDuration(l.p50()));
            lat.put("p95", GatorBench.goDuration(l.p95()));
            lat.put("p99", GatorBench.goDuration(l.p99()));
            m.put("latencies", lat);
            m.put("violationCount", r.violationCount());
            m.put("reviewsPerSecond", dev.gkstudio.rego.value.NumberValue.of(new java.math.BigDecimal(r.reviewsPerSecond())));
            if (r.bytesPerReview() != null) {
                Map<String, Object> mem = new LinkedHashMap<>();
                mem.put("bytesPerReview", bytes(r.bytesPerReview()));
                mem.put("totalBytes", bytes(r.bytesPerReview() * r.iterations() * r.objectCount()));
                m.put("memoryStats", mem);
            }
            if (!r.skippedTemplates().isEmpty()) m.put("skippedTemplates", new ArrayList<Object>(r.skippedTemplates()));
            if (!r.skippedConstraints().isEmpty()) m.put("skippedConstraints", new ArrayList<Object>(r.skippedConstraints()));
            out.add(m);
        }
        return out;
    }

    static String table(List<GatorBench.Results> results) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            if (i > 0) sb.append('\n');
            sb.append(result(results.get(i)));
        }
        if (results.size() > 1) sb.append('\n').append(comparison(results));
        return sb.toString();
    }

    private static String result(GatorBench.Results r) {
        StringBuilder t = new StringBuilder();
        t.append("Configuration:\n");
        t.append("  Templates:\t").append(r.templateCount()).append('\n');
        t.append("  Constraints:\t").append(r.constraintCount()).append('\n');
        t.append("  Objects:\t").append(r.objectCount()).append('\n');
        t.append("  Iterations:\t").append(r.iterations()).append('\n');
        if (r.concurrency() > 1) t.append("  Concurrency:\t").append(r.concurrency()).append('\n');
        t.append("  Total Reviews:\t").append((long) r.iterations() * r.objectCount()).append("\n\n");
        if (!r.skippedTemplates().isEmpty() || !r.skippedConstraints().isEmpty()) {
            t.append("Warnings:\n");
            if (!r.skippedTemplates().isEmpty()) {
                t.append("  Skipped Templates:\t").append(r.skippedTemplates().size()).append(" (")
                        .append(String.join(", ", r.skippedTemplates())).append(")\n");
            }
            if (!r.skippedConstraints().isEmpty()) {
                t.append("  Skipped Constraints:\t").append(r.skippedConstraints().size()).append(" (")
                        .append(String.join(", ", r.skippedConstraints())).append(")\n");
            }
            t.append('\n');
        }
        t.append("Timing:\n");
        t.append("  Setup Duration:\t").append(GatorBench.tableDuration(r.setupNs())).append('\n');
        t.append("    └─ Client Creation:\t").append(GatorBench.tableDuration(r.clientNs())).append('\n');
        t.append("    └─ Template Compilation:\t").append(GatorBench.tableDuration(r.templateNs())).append('\n');
        t.append("    └─ Constraint Loading:\t").append(GatorBench.tableDuration(r.constraintNs())).append('\n');
        t.append("    └─ Data Loading:\t").append(GatorBench.tableDuration(r.dataNs())).append('\n');
        t.append("  Total Duration:\t").append(GatorBench.tableDuration(r.totalNs())).append('\n');
        t.append("  Throughput:\t").append(String.format(Locale.ROOT, "%.2f reviews/sec", r.reviewsPerSecond())).append("\n\n");
        GatorBench.Latencies l = r.latencies();
        t.append("Latency (per review):\n");
        t.append("  Min:\t").append(GatorBench.tableDuration(l.min())).append('\n');
        t.append("  Max:\t").append(GatorBench.tableDuration(l.max())).append('\n');
        t.append("  Mean:\t").append(GatorBench.tableDuration(l.mean())).append('\n');
        t.append("  P50:\t").append(GatorBench.tableDuration(l.p50())).append('\n');
        t.append("  P95:\t").append(GatorBench.tableDuration(l.p95())).append('\n');
        t.append("  P99:\t").append(GatorBench.tableDuration(l.p99())).append("\n\n");
        t.append("Results:\n");
        t.append("  Violations Found:\t").append(r.violationCount()).append('\n');
        if (r.bytesPerReview() != null) {
            t.append("\nMemory:\n");
            t.append("  Bytes/Review:\t").append(bytes(r.bytesPerReview())).append('\n');
        }
        return "=== Benchmark Results: " + r.engine().toUpperCase(Locale.ROOT) + " Engine ===\n\n" + tabwriter(t.toString());
    }

    private static String comparison(List<GatorBench.Results> rs) {
        StringBuilder t = new StringBuilder("Metric");
        for (GatorBench.Results r : rs) t.append('\t').append(r.engine().toUpperCase(Locale.ROOT));
        t.append("\n------");
        for (int i = 0; i < rs.size(); i++) t.append("\t------");
        t.append('\n');
        row(t, "Templates", rs, r -> Integer.toString(r.templateCount()));
        row(t, "Constraints", rs, r -> Integer.toString(r.constraintCount()));
        row(t, "Setup Time", rs, r -> GatorBench.tableDuration(r.setupNs()));
        row(t, "Throughput", rs, r -> String.format(Locale.ROOT, "%.2f/sec", r.reviewsPerSecond()));
        row(t, "Mean Latency", rs, r -> GatorBench.tableDuration(r.latencies().mean()));
        row(t, "P95 Latency", rs, r -> GatorBench.tableDuration(r.latencies().p95()));
        row(t, "P99 Latency", rs, r -> GatorBench.tableDuration(r.latencies().p99()));
        row(t, "Violations", rs, r -> Long.toString(r.violationCount()));
        String out = "=== Engine Comparison ===\n\n" + tabwriter(t.toString());
        if (rs.size() == 2 && rs.get(0).reviewsPerSecond() > 0 && rs.get(1).reviewsPerSecond() > 0) {
            GatorBench.Results a = rs.get(0), b = rs.get(1);
            GatorBench.Results fast = a.reviewsPerSecond() >= b.reviewsPerSecond() ? a : b, slow = fast == a ? b : a;
            out += String.format(Locale.ROOT, "\nPerformance: %s is %.2fx faster than %s\n", fast.engine().toUpperCase(Locale.ROOT),
                    fast.reviewsPerSecond() / slow.reviewsPerSecond(), slow.engine().toUpperCase(Locale.ROOT));
        }
        return out;
    }

    private static void row(StringBuilder t, String name, List<GatorBench.Results> rs,
                            java.util.function.Function<GatorBench.Results, String> f) {
        t.append(name);
        for (GatorBench.Results r : rs) t.append('\t').append(f.apply(r));
        t.append('\n');
    }

    static String bytes(long b) {
        if (b >= 1L << 30) return String.format(Locale.ROOT, "%.2f GB", b / (double) (1L << 30));
        if (b >= 1L << 20) return String.format(Locale.ROOT, "%.2f MB", b / (double) (1L << 20));
        if (b >= 1L << 10) return String.format(Locale.ROOT, "%.2f KB", b / 1024.0);
        return b + " B";
    }

    /**
     * Go's text/tabwriter with padding 2: within each run of consecutive lines that have tab-terminated cells,
     * every column is as wide as its widest cell plus two spaces.
     */
    static String tabwriter(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < lines.length) {
            if (!lines[i].contains("\t")) {
                out.append(lines[i]);
                if (i < lines.length - 1) out.append('\n');
                i++;
                continue;
            }
            int j = i;
            while (j < lines.length && lines[j].contains("\t")) j++;
            List<Integer> widths = new ArrayList<>();
            for (int k = i; k < j; k++) {
                String[] cells = lines[k].split("\t", -1);
                for (int c = 0; c < cells.length - 1; c++) {
                    int w = cells[c].codePointCount(0, cells[c].length());
                    if (widths.size() <= c) widths.add(w);
                    else widths.set(c, Math.max(widths.get(c), w));
                }
            }
            for (int k = i; k < j; k++) {
                String[] cells = lines[k].split("\t", -1);
                for (int c = 0; c < cells.length - 1; c++) {
                    out.append(cells[c]).append(" ".repeat(widths.get(c) + 2 - cells[c].codePointCount(0, cells[c].length())));
                }
                out.append(cells[cells.length - 1]);
                if (k < lines.length - 1) out.append('\n');
            }
            i = j;
        }
        return out.toString();
    }
}
