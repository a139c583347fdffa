package dev.gkstudio.gatekeeper.regotool;

import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** {@code opa eval}'s output formats: {@code json}, {@code pretty} and {@code raw}, and its error forms. */
public final class EvalPrinter {
    private EvalPrinter() {}

    /** {@code {"result": [{"expressions": [...], "bindings": {...}}]}}; {@code {}} when undefined. */
    public static String json(QueryEvaluator.Outcome o) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!o.ok()) {
            List<Object> errs = new ArrayList<>();
            for (Diagnostic d : o.errors()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("message", d.message());
                if (!d.code().isEmpty()) e.put("code", d.code());
                if (d.location().isKnown()) e.put("location", location(d.location()));
                errs.add(e);
            }
            out.put("errors", errs);
            return GoJson.indent(out) + "\n";
        }
        if (!o.rows().isEmpty()) {
            List<Object> result = new ArrayList<>();
            for (QueryEvaluator.Row r : o.rows()) {
                Map<String, Object> row = new LinkedHashMap<>();
                List<Object> exprs = new ArrayList<>();
                for (QueryEvaluator.ExprValue e : r.expressions()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("value", e.value());
                    m.put("text", e.text());
                    Map<String, Object> loc = new LinkedHashMap<>();
                    loc.put("row", e.location().startLine());
                    loc.put("col", e.location().startCol());
                    m.put("location", loc);
                    exprs.add(m);
                }
                row.put("expressions", exprs);
                if (!r.bindings().isEmpty()) row.put("bindings", new java.util.TreeMap<>(r.bindings()));
                result.add(row);
            }
            out.put("result", result);
        }
        return GoJson.indent(out) + "\n";
    }

    /**
     * One value as indented JSON when there is one row without bindings and one expression (or only booleans);
     * otherwise a table with a column per variable (sorted) then per non-boolean expression; {@code undefined}.
     */
    public static String pretty(QueryEvaluator.Outcome o) {
        if (o.rows().isEmpty()) return "undefined\n";
        QueryEvaluator.Row first = o.rows().get(0);
        if (o.rows().size() == 1 && first.bindings().isEmpty()
                && (first.expressions().size() == 1 || first.expressions().stream().allMatch(e -> e.value() instanceof BooleanValue))) {
            return GoJson.indent(first.expressions().get(0).value()) + "\n";
        }
        List<String> header = new ArrayList<>(new TreeSet<>(first.bindings().keySet()));
        List<Integer> exprCols = new ArrayList<>();
        for (int i = 0; i < first.expressions().size(); i++) {
            if (!(first.expressions().get(i).value() instanceof BooleanValue) || first.bindings().isEmpty()) {
                exprCols.add(i);
                header.add(first.expressions().get(i).text());
            }
        }
        int vars = header.size() - exprCols.size();
        List<List<String>> rows = new ArrayList<>();
        for (QueryEvaluator.Row r : o.rows()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < vars; i++) cells.add(GoJson.compact(r.bindings().get(header.get(i))));
            for (int i : exprCols) cells.add(GoJson.compact(r.expressions().get(i).value()));
            rows.add(cells);
        }
        return table(header, rows);
    }

    /** Each row on a line, expression values separated by spaces, strings unquoted. */
    public static String raw(QueryEvaluator.Outcome o) {
        StringBuilder sb = new StringBuilder();
        for (QueryEvaluator.Row r : o.rows()) {
            for (int i = 0; i < r.expressions().size(); i++) {
                Value v = r.expressions().get(i).value();
                sb.append(v instanceof StringValue s ? s.value() : GoJson.compact(v));
                sb.append(i + 1 < r.expressions().size() ? " " : "\n");
            }
        }
        return sb.toString();
    }

    /** OPA's text form of errors: {@code 1 error occurred: 1:5: rego_parse_error: ...}. */
    public static String errors(List<Diagnostic> errors) {
        return Errors.format(errors);
    }

    private static Map<String, Object> location(Location l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", l.file());
        m.put("row", l.startLine());
        m.put("col", l.startCol());
        return m;
    }

    private static String table(List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).codePointCount(0, header.get(i).length());
            for (List<String> r : rows) w[i] = Math.max(w[i], r.get(i).codePointCount(0, r.get(i).length()));
        }
        StringBuilder line = new StringBuilder("+");
        for (int x : w) line.append("-".repeat(x + 2)).append('+');
        StringBuilder sb = new StringBuilder();
        sb.append(line).append('\n').append('|');
        for (int i = 0; i < w.length; i++) {
            String h = header.get(i);
            int pad = w[i] - h.codePointCount(0, h.length());
            sb.append(' ').append(" ".repeat(pad / 2)).append(h).append(" ".repeat(pad - pad / 2)).append(" |");
        }
        sb.append('\n').append(line).append('\n');
        for (List<String> r : rows) {
            sb.append('|');
            for (int i = 0; i < w.length; i++) {
                String c = r.get(i);
                sb.append(' ').append(c).append(" ".repeat(w[i] - c.codePointCount(0, c.length()))).append(" |");
            }
            sb.append('\n');
        }
        sb.append(line).append('\n');
        return sb.toString();
    }
}
