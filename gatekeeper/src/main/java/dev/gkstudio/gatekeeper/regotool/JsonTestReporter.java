package dev.gkstudio.gatekeeper.regotool;

import dev.gkstudio.rego.result.EvalError;
import dev.gkstudio.rego.ast.Location;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OPA's {@code JSONReporter}: an array of test results with {@code location}, {@code package}, {@code name},
 * {@code fail}/{@code error}/{@code skip} when set, {@code duration} in nanoseconds and the print output base64
 * encoded (a Go byte slice). Trace events are not included.
 */
public final class JsonTestReporter {
    private JsonTestReporter() {}

    public static String report(List<TestResult> results) {
        List<Object> out = new ArrayList<>();
        for (TestResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("location", location(r.location()));
            m.put("package", r.pkg());
            m.put("name", r.name());
            if (r.fail()) m.put("fail", true);
            if (r.error() != null) m.put("error", error(r.error()));
            if (r.skip()) m.put("skip", true);
            m.put("duration", r.durationNs());
            if (!r.output().isEmpty()) {
                m.put("output", Base64.getEncoder().encodeToString(r.output().getBytes(StandardCharsets.UTF_8)));
            }
            out.add(m);
        }
        return GoJson.indent(out);
    }

    static Map<String, Object> location(Location l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", l.file());
        m.put("row", l.startLine());
        m.put("col", l.startCol());
        return m;
    }

    static Map<String, Object> error(EvalError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", e.code());
        m.put("message", e.message());
        if (e.location().isKnown()) m.put("location", location(e.location()));
        return m;
    }
}
