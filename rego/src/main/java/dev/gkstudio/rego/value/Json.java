package dev.gkstudio.rego.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out of {@link Value}s with OPA's conventions: numbers keep their exact text, sets
 * are written as sorted arrays, object keys are written sorted and non-string keys are written
 * as their JSON text. Strings are escaped as Go's encoding/json does (including {@code <>&}).
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(1000)
                    .maxStringLength(64 << 20)
                    .maxNumberLength(10_000)
                    .build())
            .build();

    private Json() {}

    /** Thrown for malformed JSON; carries the 1-based line and column of the problem. */
    public static final class ParseException extends Exception {
        private final int line;
        private final int column;

        ParseException(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        public int line() { return line; }
        public int column() { return column; }
    }

    /** Parses one JSON document. Duplicate keys: the last one wins, as in Go. */
    public static Value parse(String text) throws ParseException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new ParseException("empty JSON document", 1, 1);
            Value v = read(p, t);
            if (p.nextToken() != null) {
                throw new ParseException("unexpected content after the JSON document",
                        p.currentLocation().getLineNr(), p.currentLocation().getColumnNr());
            }
            return v;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ParseException(e.getOriginalMessage(),
                    loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr());
        } catch (IOException e) {
            throw new ParseException(e.getMessage(), 0, 0);
        }
    }

    private static Value read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<Value, Value> m = new LinkedHashMap<>();
                while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    m.put(StringValue.of(key), read(p, p.nextToken()));
                }
                return ObjectValue.wrap(m);
            }
            case START_ARRAY: {
                List<Value> l = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(read(p, t));
                }
                return ArrayValue.of(l);
            }
            case VALUE_STRING: return StringValue.of(p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return NumberValue.parse(p.getText());
            case VALUE_TRUE: return BooleanValue.TRUE;
            case VALUE_FALSE: return BooleanValue.FALSE;
            case VALUE_NULL: return NullValue.INSTANCE;
            default: throw new JsonProcessingException("unexpected token " + t, p.currentLocation()) {};
        }
    }

    /** Compact JSON, as Go's json.Marshal writes it. */
    public static String write(Value v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    public static void write(Value v, StringBuilder sb) {
        write(v, sb, Long.MAX_VALUE);
    }

    /** The length of {@link #write(Value)}'s text, or -1 as soon as it is known to exceed {@code max}. */
    public static long length(Value v, long max) {
        try {
            StringBuilder sb = new StringBuilder();
            write(v, sb, max);
            return sb.length() > max ? -1 : sb.length();
        } catch (TooLong e) {
            return -1;
        }
    }

    private static final class TooLong extends RuntimeException {
        TooLong() { super(null, null, false, false); }
    }

    private static void grown(StringBuilder sb, long max) {
        Meter.text(sb);
        if (sb.length() > max) throw new TooLong();
    }

    private static void write(Value v, StringBuilder sb, long max) {
        if (v instanceof StringValue s) {
            writeString(s.value(), sb);
        } else if (v instanceof ArrayValue a) {
            sb.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) sb.append(',');
                write(a.get(i), sb, max);
                grown(sb, max);
            }
            sb.append(']');
        } else if (v instanceof SetValue s) {
            sb.append('[');
            boolean first = true;
            for (Value e : s.sorted()) {
                if (!first) sb.append(',');
                first = false;
                write(e, sb, max);
                grown(sb, max);
            }
            sb.append(']');
        } else if (v instanceof ObjectValue o) {
            // Go sorts map keys by their string form when marshalling.
            List<Map.Entry<String, Value>> entries = new ArrayList<>();
            for (Value k : o.keys()) {
                entries.add(Map.entry(keyText(k), o.get(k)));
            }
            entries.sort((x, y) -> StringValue.compareCodePoints(x.getKey(), y.getKey()));
            sb.append('{');
            boolean first = true;
            for (var e : entries) {
                if (!first) sb.append(',');
                first = false;
                writeString(e.getKey(), sb);
                sb.append(':');
                write(e.getValue(), sb, max);
                grown(sb, max);
            }
            sb.append('}');
        } else {
            sb.append(v);
        }
    }

    /** The JSON object key for a Rego object key: strings as they are, others as JSON text. */
    public static String keyText(Value k) {
        return k instanceof StringValue s ? s.value() : write(k);
    }

    /** A JSON string literal with Go encoding/json escaping. */
    public static void writeString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '<': case '>': case '&': case '\u2028': case '\u2029':
                    appendU4(c, sb);
                    break;
                default:
                    if (c < 0x20) appendU4(c, sb);
                    else sb.append(c);
            }
        }
        sb.append('"');
    }

    private static void appendU4(int c, StringBuilder sb) {
        sb.append("\\u");
        String h = Integer.toHexString(c);
        for (int k = h.length(); k < 4; k++) sb.append('0');
        sb.append(h);
    }

    /** A string literal as Go's strconv.Quote writes it (how OPA prints string terms). */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"': sb.append("\\\""); continue;
                case '\\': sb.append("\\\\"); continue;
                case 7: sb.append("\\a"); continue;
                case '\b': sb.append("\\b"); continue;
                case '\f': sb.append("\\f"); continue;
                case '\n': sb.append("\\n"); continue;
                case '\r': sb.append("\\r"); continue;
                case '\t': sb.append("\\t"); continue;
                case 11: sb.append("\\v"); continue;
                default:
            }
            if (isGoPrintable(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp < 0x80) {
                sb.append(String.format("\\x%02x", cp));
            } else if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                sb.append("\\ufffd"); // Go sees an invalid UTF-8 sequence here
            } else if (cp <= 0xFFFF) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.append(String.format("\\U%08x", cp));
            }
        }
        return sb.append('"').toString();
    }

    /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isGoPrintable(int cp) {
        if (cp == ' ') return true;
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
