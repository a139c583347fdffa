package dev.gkstudio.gatekeeper.regotool;

import dev.gkstudio.rego.result.Coverage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * OPA's coverage report ({@code cover.Report}) merged over every evaluated test: per file the covered and
 * not-covered line ranges and counts, and the overall percentage.
 */
public final class CoverageReport {
    private final Map<String, SortedSet<Integer>> covered;
    private final Map<String, SortedSet<Integer>> notCovered;

    private CoverageReport(Map<String, SortedSet<Integer>> covered, Map<String, SortedSet<Integer>> notCovered) {
        this.covered = covered;
        this.notCovered = notCovered;
    }

    public Map<String, SortedSet<Integer>> covered() { return covered; }

    public Map<String, SortedSet<Integer>> notCovered() { return notCovered; }

    /** Overall percentage of covered lines among lines with code (0 when there are none, as OPA). */
    public double percent() {
        int c = 0, n = 0;
        for (SortedSet<Integer> s : covered.values()) c += s.size();
        for (SortedSet<Integer> s : notCovered.values()) n += s.size();
        return c + n == 0 ? 0 : 100.0 * c / (c + n);
    }

    /** The report as Go's encoder writes {@code cover.Report} (map keys sorted, empty fields left out). */
    public String toJson() {
        Map<String, Object> files = new TreeMap<>();
        int allC = 0, allN = 0;
        TreeSet<String> names = new TreeSet<>(covered.keySet());
        names.addAll(notCovered.keySet());
        for (String f : names) {
            SortedSet<Integer> c = covered.getOrDefault(f, new TreeSet<>());
            SortedSet<Integer> n = notCovered.getOrDefault(f, new TreeSet<>());
            Map<String, Object> fr = new LinkedHashMap<>();
            if (!c.isEmpty()) fr.put("covered", ranges(c));
            if (!n.isEmpty()) fr.put("not_covered", ranges(n));
            if (!c.isEmpty()) fr.put("covered_lines", c.size());
            if (!n.isEmpty()) fr.put("not_covered_lines", n.size());
            if (c.size() + n.size() > 0 && !c.isEmpty()) fr.put("coverage", 100.0 * c.size() / (c.size() + n.size()));
            files.put(f, fr);
            allC += c.size();
            allN += n.size();
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("files", files);
        report.put("covered_lines", allC);
        report.put("not_covered_lines", allN);
        report.put("coverage", allC + allN == 0 ? 0.0 : 100.0 * allC / (allC + allN));
        return GoJson.indent(report);
    }

    private static List<Object> ranges(SortedSet<Integer> rows) {
        List<Object> out = new ArrayList<>();
        Integer start = null, end = null;
        for (int r : rows) {
            if (start != null && r == end + 1) {
                end = r;
                continue;
            }
            if (start != null) out.add(range(start, end));
            start = r;
            end = r;
        }
        if (start != null) out.add(range(start, end));
        return out;
    }

    private static Map<String, Object> range(int start, int end) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", Map.of("row", start));
        m.put("end", Map.of("row", end));
        return m;
    }

    /** Unions the coverage of single evaluations. */
    public static final class Builder {
        private final Map<String, SortedSet<Integer>> covered = new TreeMap<>();
        private final Map<String, SortedSet<Integer>> code = new TreeMap<>();

        public void add(Coverage c) {
            for (Map.Entry<String, Coverage.FileCoverage> e : c.files().entrySet()) {
                covered.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).addAll(e.getValue().covered());
                SortedSet<Integer> all = code.computeIfAbsent(e.getKey(), k -> new TreeSet<>());
                all.addAll(e.getValue().covered());
                all.addAll(e.getValue().notCovered());
            }
        }

        public CoverageReport build() {
            Map<String, SortedSet<Integer>> nc = new TreeMap<>();
            for (Map.Entry<String, SortedSet<Integer>> e : code.entrySet()) {
                SortedSet<Integer> s = new TreeSet<>(e.getValue());
                s.removeAll(covered.getOrDefault(e.getKey(), new TreeSet<>()));
                nc.put(e.getKey(), s);
            }
            return new CoverageReport(new TreeMap<>(covered), nc);
        }
    }
}
