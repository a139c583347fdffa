package dev.gkstudio.gatekeeper.yaml;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML 1.2 (core schema; JSON is a subset) into {@link Value}s with a position index, without
 * recursion and with limits that refuse hostile input quickly: total size, nesting depth, and the
 * number of nodes that aliases would expand to (alias bombs).
 */
public final class YamlLoader {
    /** Default cap on input size, in characters. */
    public static final int DEFAULT_MAX_CHARS = 32 * 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 1000;
    public static final long DEFAULT_MAX_NODES = 2_000_000;

    private final int maxChars;
    private final int maxDepth;
    private final long maxNodes;
    /** Immutable, so built once: building it (schemas, resolvers) cost as much as parsing a small object. */
    private final LoadSettings settings;

    public YamlLoader() {
        this(DEFAULT_MAX_CHARS, DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES);
    }

    public YamlLoader(int maxChars, int maxDepth, long maxNodes) {
        this.maxChars = maxChars;
        this.maxDepth = maxDepth;
        this.maxNodes = maxNodes;
        this.settings = LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(true)
                .setMaxAliasesForCollections(Integer.MAX_VALUE)
                .setCodePointLimit(Math.max(maxChars, 1024))
                .setUseMarks(true)
                .build();
    }

    /** Reads every document of the stream; empty documents are kept as null values. */
    public List<YamlDocument> loadAll(String text) throws YamlException {
        if (text == null) text = "";
        if (text.length() > maxChars) {
            throw new YamlException("input is too large: " + text.length() + " characters (limit " + maxChars + ")",
                    new SourceRange(1, 1, 1, 1));
        }
        Builder b = new Builder();
        try {
            for (Event e : new Parse(settings).parseString(text)) {
                b.accept(e);
            }
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            SourceRange r = m == null ? SourceRange.NONE : new SourceRange(m.getLine() + 1, m.getColumn() + 1, m.getLine() + 1, m.getColumn() + 2);
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw new YamlException("yaml: line " + (m == null ? 0 : m.getLine() + 1) + ": " + problem, r);
        } catch (YamlEngineException e) {
            throw new YamlException("yaml: " + e.getMessage(), SourceRange.NONE);
        } catch (StackOverflowError e) {
            throw new YamlException("yaml: document is nested too deeply", SourceRange.NONE);
        }
        return b.docs;
    }

    /** Reads a stream that must hold exactly one (non-empty) document. */
    public YamlDocument loadOne(String text) throws YamlException {
        List<YamlDocument> docs = loadAll(text);
        List<YamlDocument> nonEmpty = new ArrayList<>();
        for (YamlDocument d : docs) if (!(d.value() instanceof NullValue)) nonEmpty.add(d);
        if (nonEmpty.isEmpty()) return docs.isEmpty() ? new YamlDocument(NullValue.INSTANCE, new PositionIndex(), 1) : docs.get(0);
        return nonEmpty.get(0);
    }

    private static SourceRange range(Event e) {
        Optional<Mark> s = e.getStartMark(), en = e.getEndMark();
        if (s.isEmpty()) return SourceRange.NONE;
        Mark a = s.get();
        Mark z = en.orElse(a);
        return new SourceRange(a.getLine() + 1, a.getColumn() + 1, z.getLine() + 1, z.getColumn() + 1);
    }

    /** Builds values from parser events with an explicit stack. */
    private final class Builder {
        final List<YamlDocument> docs = new ArrayList<>();
        final Deque<Frame> stack = new ArrayDeque<>();
        final Map<String, Anchored> anchors = new HashMap<>();
        PositionIndex index;
        Value root;
        int docLine;
        long nodes;

        void accept(Event e) throws YamlException {
            switch (e.getEventId()) {
                case DocumentStart -> {
                    index = new PositionIndex();
                    root = null;
                    anchors.clear();
                    docLine = range(e).startLine();
                }
                case DocumentEnd -> {
                    docs.add(new YamlDocument(root == null ? NullValue.INSTANCE : root, index, docLine));
                    root = null;
                }
                case Scalar -> {
                    ScalarEvent s = (ScalarEvent) e;
                    SourceRange r = range(e);
                    Value v = scalar(s, r);
                    count(1, r);
                    complete(v, r, s.getAnchor(), 1, s.isPlain() && s.getTag().isEmpty() && "<<".equals(s.getValue()));
                }
                case Alias -> {
                    AliasEvent a = (AliasEvent) e;
                    SourceRange r = range(e);
                    Anchored an = anchors.get(a.getAlias().getValue());
                    if (an == null) {
                        throw new YamlException("yaml: line " + r.startLine() + ": unknown anchor '" + a.getAlias().getValue() + "' referenced", r);
                    }
                    count(an.weight, r);
                    complete(an.value, r, Optional.empty(), an.weight, false);
                }
                case MappingStart, SequenceStart -> {
                    SourceRange r = range(e);
                    if (stack.size() >= maxDepth) {
                        throw new YamlException("yaml: line " + r.startLine() + ": document is nested too deeply (more than " + maxDepth + " levels)", r);
                    }
                    count(1, r);
                    Frame f = new Frame(e.getEventId() == Event.ID.MappingStart, pathForNext(), r,
                            ((NodeEvent) e).getAnchor());
                    index.putValue(f.path, r);
                    stack.push(f);
                }
                case MappingEnd, SequenceEnd -> {
                    Frame f = stack.pop();
                    SourceRange end = range(e);
                    SourceRange r = new SourceRange(f.start.startLine(), f.start.startColumn(), end.endLine(), end.endColumn());
                    Value v;
                    if (f.map) {
                        Map<Value, Value> m = new LinkedHashMap<>(f.merged);
                        m.putAll(f.entries);
                        v = ObjectValue.wrap(m);
                    } else {
                        v = ArrayValue.of(f.items);
                    }
                    complete(v, r, f.anchor, f.weight + 1, false);
                }
                default -> {
                }
            }
        }

        void count(long n, SourceRange r) throws YamlException {
            nodes += n;
            if (nodes > maxNodes) {
                throw new YamlException("yaml: line " + r.startLine() + ": document expands to more than " + maxNodes
                        + " nodes (too many aliases?)", r);
            }
        }

        String pathForNext() {
            Frame top = stack.peek();
            if (top == null) return "";
            if (top.map) {
                if (top.pendingKey == null) return top.path + "{key}";
                return PositionIndex.child(top.path, keyText(top.pendingKey));
            }
            return PositionIndex.index(top.path, top.items.size());
        }

        void complete(Value v, SourceRange r, Optional<org.snakeyaml.engine.v2.common.Anchor> anchor, long weight,
                      boolean mergeKey) throws YamlException {
            anchor.ifPresent(a -> anchors.put(a.getValue(), new Anchored(v, weight)));
            Frame top = stack.peek();
            if (top == null) {
                root = v;
                index.putValue("", r);
                return;
            }
            top.weight += weight;
            if (top.map) {
                if (top.pendingKey == null) {
                    if (v instanceof ObjectValue || v instanceof ArrayValue) {
                        // Kubernetes (and gator) decode YAML into JSON, whose keys are strings: go-yaml refuses a
                        // collection as a key with this wording.
                        throw new YamlException("yaml: invalid map key: " + GoSyntax.of(v), r);
                    }
                    top.pendingKey = v;
                    top.pendingKeyRange = r;
                    top.pendingMerge = mergeKey;
                    return;
                }
                Value key = top.pendingKey;
                String path = PositionIndex.child(top.path, keyText(key));
                if (top.pendingMerge) {
                    merge(top, v, r);
                } else {
                    Value k = key instanceof StringValue ? key : StringValue.of(keyText(key));
                    if (top.entries.containsKey(k)) {
                        SourceRange first = top.keyRanges.get(k);
                        throw new YamlException("yaml: unmarshal errors:\n  line " + top.pendingKeyRange.startLine()
                                + ": mapping key " + Json.quote(keyText(key)) + " already defined at line "
                                + (first == null ? 0 : first.startLine()), top.pendingKeyRange);
                    }
                    top.entries.put(k, v);
                    top.keyRanges.put(k, top.pendingKeyRange);
                    index.putKey(path, top.pendingKeyRange);
                    index.putValue(path, r);
                }
                top.pendingKey = null;
                top.pendingMerge = false;
            } else {
                index.putValue(PositionIndex.index(top.path, top.items.size()), r);
                top.items.add(v);
            }
        }

        void merge(Frame top, Value v, SourceRange r) throws YamlException {
            if (v instanceof ObjectValue o) {
                for (Value k : o.asMap().keySet()) top.merged.putIfAbsent(k, o.get(k));
            } else if (v instanceof ArrayValue a) {
                for (Value e : a.list()) {
                    if (!(e instanceof ObjectValue)) {
                        throw new YamlException("yaml: line " + r.startLine() + ": map merge requires map or sequence of maps as the value", r);
                    }
                    ObjectValue o = (ObjectValue) e;
                    for (Value k : o.asMap().keySet()) top.merged.putIfAbsent(k, o.get(k));
                }
            } else {
                throw new YamlException("yaml: line " + r.startLine() + ": map merge requires map or sequence of maps as the value", r);
            }
        }
    }

    static String keyText(Value k) {
        if (k instanceof StringValue s) return s.value();
        if (k instanceof NullValue) return "null";
        return Json.write(k);
    }

    private static final class Frame {
        final boolean map;
        final String path;
        final SourceRange start;
        final Optional<org.snakeyaml.engine.v2.common.Anchor> anchor;
        final Map<Value, Value> entries = new LinkedHashMap<>();
        final Map<Value, Value> merged = new LinkedHashMap<>();
        final Map<Value, SourceRange> keyRanges = new HashMap<>();
        final List<Value> items = new ArrayList<>();
        Value pendingKey;
        SourceRange pendingKeyRange;
        boolean pendingMerge;
        long weight;

        Frame(boolean map, String path, SourceRange start, Optional<org.snakeyaml.engine.v2.common.Anchor> anchor) {
            this.map = map;
            this.path = path;
            this.start = start;
            this.anchor = anchor;
        }
    }

    private record Anchored(Value value, long weight) {
    }

    /** Resolves a scalar the way YAML 1.2 core schema (and Go's yaml.v3 + encoding/json) would. */
    static Value scalar(ScalarEvent s, SourceRange r) throws YamlException {
        String text = s.getValue();
        String tag = s.getTag().orElse(null);
        if (tag != null && !tag.equals("!")) {
            String t = tag.startsWith("tag:yaml.org,2002:") ? tag.substring("tag:yaml.org,2002:".length()) : tag;
            switch (t) {
                case "str", "binary", "timestamp" -> {
                    return StringValue.of(text);
                }
                case "null" -> {
                    return NullValue.INSTANCE;
                }
                case "bool" -> {
                    Value b = bool(text);
                    if (b == null) throw new YamlException("yaml: line " + r.startLine() + ": cannot decode !!str `" + shorten(text) + "` as a !!bool", r);
                    return b;
                }
                case "int", "float" -> {
                    Value n = number(text);
                    if (n == null) throw new YamlException("yaml: line " + r.startLine() + ": cannot decode !!str `" + shorten(text) + "` as a !!" + t, r);
                    return n;
                }
                default -> {
                    // unknown tags: resolve the plain text as usual
                }
            }
        } else if (!s.isPlain() || tag != null) {
            return StringValue.of(text);
        }
        if (text.isEmpty() || text.equals("~") || text.equals("null") || text.equals("Null") || text.equals("NULL")) {
            return NullValue.INSTANCE;
        }
        Value b = bool(text);
        if (b != null) return b;
        char c = text.charAt(0);
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
            Value n = number(text);
            if (n != null) return n;
        }
        return StringValue.of(text);
    }

    /** A user's text quoted in an error message: at most 80 characters (the document may be megabytes). */
    static String shorten(String t) {
        return t.length() <= 80 ? t : t.substring(0, 60) + "..." + " (" + t.length() + " characters)";
    }

    private static Value bool(String t) {
        return switch (t) {
            case "true", "True", "TRUE" -> BooleanValue.TRUE;
            case "false", "False", "FALSE" -> BooleanValue.FALSE;
            default -> null;
        };
    }

    private static final java.util.regex.Pattern INT = java.util.regex.Pattern.compile("[-+]?[0-9]+");
    private static final java.util.regex.Pattern OCT = java.util.regex.Pattern.compile("0o[0-7]+");
    private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("0x[0-9a-fA-F]+");
    private static final java.util.regex.Pattern FLOAT =
            java.util.regex.Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    /** A number as gator would see it after YAML decoding and a JSON round trip, or null. */
    static NumberValue number(String t) {
        try {
            if (INT.matcher(t).matches()) {
                // beyond 64 bits the value is a float64 anyway: never parse a huge literal with BigInteger
                // (quadratic in the number of digits)
                if (t.length() > 40) return goFloat(Double.parseDouble(t));
                java.math.BigInteger bi = new java.math.BigInteger(t.startsWith("+") ? t.substring(1) : t);
                if (bi.bitLength() < 64) return NumberValue.parse(bi.toString());
                return goFloat(bi.doubleValue());
            }
            if (t.length() > 70 && (OCT.matcher(t).matches() || HEX.matcher(t).matches())) return null;
            if (OCT.matcher(t).matches()) return NumberValue.parse(new java.math.BigInteger(t.substring(2), 8).toString());
            if (HEX.matcher(t).matches()) return NumberValue.parse(new java.math.BigInteger(t.substring(2), 16).toString());
            if (FLOAT.matcher(t).matches()) return goFloat(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** Formats a float64 as Go's encoding/json does. */
    static NumberValue goFloat(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return null;
        if (d == 0) return NumberValue.parse("0");
        double abs = Math.abs(d);
        java.math.BigDecimal bd = new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros();
        String s;
        if (abs < 1e-6 || abs >= 1e21) {
            String digits = bd.unscaledValue().abs().toString();
            int exp = digits.length() - 1 - bd.scale();
            String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            s = (d < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
            // Go writes e-07 as e-07 in strconv but encoding/json trims it to e-7
            s = s.replaceFirst("e([-+])0(\\d)$", "e$1$2");
        } else {
            s = bd.toPlainString();
        }
        return NumberValue.parse(s);
    }
}
