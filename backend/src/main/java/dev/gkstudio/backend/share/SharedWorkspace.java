package dev.gkstudio.backend.share;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gkstudio.backend.eval.Workspace;

/**
 * A workspace as it is shared: what the Studio's editors hold (template parts, constraints,
 * samples with their {@code # expect:} comments, inventory) and the page's settings, in a
 * validated, normalised form with one canonical JSON text. Equal workspaces have equal canonical
 * texts (keys sorted, no insignificant whitespace, defaults filled in), hence equal ids.
 *
 * <pre>
 * {"format":1,
 *  "template":{"rego":"...","libs":["..."],"regoVersion":"v0","kind":"K8sX","name":"k8sx",
 *              "schema":"...","annotations":{"k":"v"}},
 *  "constraints":"...","samples":"...","inventory":"...",
 *  "settings":{"coverage":false}}
 * </pre>
 */
public final class SharedWorkspace {

    /** Version of the shared document's layout; stored with each row. */
    public static final int FORMAT = 1;

    private static final Set<String> TOP = Set.of("format", "template", "constraints", "samples", "inventory", "settings",
            "tests", "providers", "mutators");
    private static final Set<String> TEMPLATE = Set.of("rego", "libs", "regoVersion", "kind", "name", "schema", "annotations");
    static final int MAX_LIBS = 64;
    static final int MAX_SETTINGS = 64;
    static final int MAX_ANNOTATIONS = 256;
    static final int MAX_DEPTH = 32;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    static final ObjectMapper JSON = new ObjectMapper(FACTORY)
            .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);

    /** One reason a workspace cannot be shared or restored. */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return path.isEmpty() ? message : path + ": " + message;
        }
    }

    /** The workspace is not acceptable; {@link #problems()} says why. */
    public static final class InvalidException extends Exception {
        private final transient List<Problem> problems;

        InvalidException(List<Problem> problems) {
            super(problems.isEmpty() ? "invalid workspace" : problems.get(0).toString()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private final ObjectNode tree;
    private final String canonical;

    private SharedWorkspace(ObjectNode tree) {
        this.tree = tree;
        this.canonical = canonical(tree);
    }

    /** Reads and validates a workspace from JSON text (a share request or a stored row). */
    public static SharedWorkspace parse(String json) throws InvalidException {
        JsonNode node;
        try (JsonParser p = JSON.createParser(json)) {
            try {
                node = JSON.readTree(p);
                if (node != null && p.nextToken() != null) {
                    throw new InvalidException(List.of(new Problem("", "not valid JSON at " + where(p.currentTokenLocation())
                            + ": unexpected content after the workspace object")));
                }
            } catch (JsonProcessingException e) {
                throw new InvalidException(List.of(new Problem("", "not valid JSON at "
                        + where(e.getLocation() != null ? e.getLocation() : p.currentLocation()) + ": " + describe(e))));
            }
        } catch (IOException e) {
            throw new InvalidException(List.of(new Problem("", "not valid JSON: " + firstLine(e.getMessage()))));
        }
        return of(node);
    }

    private static String where(JsonLocation l) {
        return l == null ? "an unknown position" : "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /** Jackson's message without its location suffix, "[Source: REDACTED ...]" parts or API names. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            String m = firstLine(e.getOriginalMessage());
            if (m.contains("nesting depth")) {
                return "nesting depth exceeds the maximum of " + MAX_DEPTH + " levels";
            }
            return m.replaceAll(", from `[^`]*`", "").strip();
        }
        String m = firstLine(e.getOriginalMessage());
        return m.replaceAll("\\[Source: [^;\\]]*; ", "[").replaceAll("line: (\\d+), column: (\\d+)\\]", "line $1, column $2]");
    }

    /** Validates and normalises a workspace given as a JSON tree. */
    public static SharedWorkspace of(JsonNode node) throws InvalidException {
        List<Problem> problems = new ArrayList<>();
        if (node == null || !node.isObject()) {
            throw new InvalidException(List.of(new Problem("", "a workspace must be a JSON object")));
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!TOP.contains(name)) {
                problems.add(new Problem(name, "unknown field (expected one of " + new java.util.TreeSet<>(TOP) + ")"));
            }
        }
        JsonNode format = node.get("format");
        if (format != null && !format.isNull() && !(format.isInt() && format.intValue() == FORMAT)) {
            problems.add(new Problem("format", "unsupported format " + format + " (this Studio reads format " + FORMAT + ")"));
        }
        out.put("format", FORMAT);

        ObjectNode template = f.objectNode();
        JsonNode t = node.get("template");
        if (t != null && !t.isNull() && !t.isObject()) {
            problems.add(new Problem("template", "must be an object"));
            t = null;
        }
        if (t != null && t.isObject()) {
            for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!TEMPLATE.contains(name)) {
                    problems.add(new Problem("template." + name, "unknown field"));
                }
            }
        }
        for (String field : List.of("rego", "kind", "name", "schema")) {
            template.put(field, string(t == null ? null : t.get(field), "template." + field, problems));
        }
        String version = string(t == null ? null : t.get("regoVersion"), "template.regoVersion", problems);
        if (version.isEmpty()) {
            version = "v0";
        } else if (!version.equals("v0") && !version.equals("v1")) {
            problems.add(new Problem("template.regoVersion", "must be \"v0\" or \"v1\", not \"" + shorten(version) + "\""));
        }
        template.put("regoVersion", version);
        ArrayNode libs = template.putArray("libs");
        JsonNode l = t == null ? null : t.get("libs");
        if (l != null && !l.isNull()) {
            if (!l.isArray()) {
                problems.add(new Problem("template.libs", "must be an array of strings"));
            } else if (l.size() > MAX_LIBS) {
                problems.add(new Problem("template.libs", "at most " + MAX_LIBS + " library modules"));
            } else {
                for (int i = 0; i < l.size(); i++) {
                    libs.add(string(l.get(i), "template.libs[" + i + "]", problems));
                }
            }
        }
        ObjectNode annotations = template.putObject("annotations");
        JsonNode a = t == null ? null : t.get("annotations");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) {
                problems.add(new Problem("template.annotations", "must be an object of strings"));
            } else if (a.size() > MAX_ANNOTATIONS) {
                problems.add(new Problem("template.annotations", "at most " + MAX_ANNOTATIONS + " annotations"));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    annotations.put(wellFormed(e.getKey()), string(e.getValue(), "template.annotations." + e.getKey(), problems));
                }
            }
        }
        out.set("template", template);
        for (String field : List.of("constraints", "samples", "inventory")) {
            out.put(field, string(node.get(field), field, problems));
        }
        // Rego unit tests, mocked external data providers and mutators are kept only when present, so a workspace without
        // them keeps the canonical form (and the link) it always had
        JsonNode tests = node.get("tests");
        if (tests != null && !tests.isNull()) {
            if (!tests.isArray()) {
                problems.add(new Problem("tests", "must be an array of strings"));
            } else if (tests.size() > MAX_LIBS) {
                problems.add(new Problem("tests", "at most " + MAX_LIBS + " test modules"));
            } else if (tests.size() > 0) {
                ArrayNode out_ = out.putArray("tests");
                for (int i = 0; i < tests.size(); i++) {
                    out_.add(string(tests.get(i), "tests[" + i + "]", problems));
                }
            }
        }
        for (String field : List.of("providers", "mutators")) {
            String text = string(node.get(field), field, problems);
            if (!text.isEmpty()) {
                out.put(field, text);
            }
        }
        ObjectNode settings = out.putObject("settings");
        JsonNode s = node.get("settings");
        if (s != null && !s.isNull()) {
            if (!s.isObject()) {
                problems.add(new Problem("settings", "must be an object"));
            } else if (s.size() > MAX_SETTINGS) {
                problems.add(new Problem("settings", "at most " + MAX_SETTINGS + " settings"));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode v = e.getValue();
                    if (v.isNumber() && !Double.isFinite(v.doubleValue())) {
                        // it would be stored but could not be read back as a number
                        problems.add(new Problem("settings." + e.getKey(), "number out of range (beyond ±1.7e308)"));
                    } else if (v.isTextual()) {
                        settings.put(wellFormed(e.getKey()), wellFormed(v.textValue()));
                    } else if (v.isBoolean() || v.isNumber() || v.isNull()) {
                        settings.set(wellFormed(e.getKey()), v);
                    } else {
                        problems.add(new Problem("settings." + e.getKey(), "must be a string, number, boolean or null"));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidException(problems);
        }
        return new SharedWorkspace(out);
    }

    private static String string(JsonNode v, String path, List<Problem> problems) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            problems.add(new Problem(path, "must be a string, not " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
            return "";
        }
        return wellFormed(v.textValue());
    }

    /**
     * The text with each unpaired UTF-16 surrogate (JSON allows {@code "\ud800"}) replaced by
     * U+FFFD, as UTF-8 encoding (the store, the hash, the browser's TextEncoder) would do anyway:
     * the canonical text then hashes and stores exactly as it reads back.
     */
    static String wellFormed(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && !Character.isSurrogate(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append('\ufffd');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The canonical JSON text: object keys sorted, compact, UTF-8 strings escaped by Jackson. */
    public String canonicalJson() {
        return canonical;
    }

    /** The content-addressed id of this workspace. */
    public String id() {
        return ShareIds.idOf(canonical);
    }

    /** The normalised tree (a copy). */
    public ObjectNode tree() {
        return tree.deepCopy();
    }

    /** The workspace in the evaluator's model (settings and format left out). */
    public Workspace toWorkspace() {
        JsonNode t = tree.get("template");
        List<String> libs = new ArrayList<>();
        t.get("libs").forEach(n -> libs.add(n.textValue()));
        Map<String, String> annotations = new TreeMap<>();
        t.get("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().textValue()));
        return new Workspace(new Workspace.Template(t.get("rego").textValue(), libs, t.get("regoVersion").textValue(),
                t.get("kind").textValue(), t.get("name").textValue(), t.get("schema").textValue(), annotations),
                tree.get("constraints").textValue(), tree.get("samples").textValue(), tree.get("inventory").textValue(),
                tests(), optional("providers"), optional("mutators"));
    }

    private String optional(String field) {
        return tree.has(field) ? tree.get(field).textValue() : "";
    }

    private List<String> tests() {
        List<String> out = new ArrayList<>();
        if (tree.has("tests")) {
            tree.get("tests").forEach(n -> out.add(n.textValue()));
        }
        return out;
    }

    /** Size of the canonical text in UTF-8 bytes. */
    public int sizeBytes() {
        return canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    static String canonical(JsonNode node) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(JsonNode node, JsonGenerator g) throws IOException {
        if (node.isObject()) {
            g.writeStartObject();
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                g.writeFieldName(e.getKey());
                write(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode item : node) {
                write(item, g);
            }
            g.writeEndArray();
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else if (node.isNumber()) {
            // numbers only occur in settings: one spelling per value (1, 1.0 and 1e0 are the same)
            java.math.BigDecimal d = node.decimalValue().stripTrailingZeros();
            g.writeNumber(d.scale() <= 0 && d.precision() - d.scale() <= 18 ? d.toBigInteger().toString() : d.toString());
        } else {
            g.writeTree(node);
        }
    }
}
