package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * graphql.*: a GraphQL lexer and parser that produce OPA's AST JSON (the shape of the gqlparser structures OPA
 * marshals, with null and empty values and positions pruned) and its error texts, plus schema and query validation
 * following gqlparser's rules. The AST objects double as the input form (graphql.parse accepts them back).
 */
final class GraphqlBuiltins {
    private GraphqlBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("graphql.parse_query", (c, a) -> {
            String b = "graphql.parse_query";
            try {
                return new Parser(Args.str(b, a, 0)).queryDocument();
            } catch (GqlError e) {
                throw Args.err(b, e.format("GraphQL string"));
            }
        });
        t.put("graphql.parse_schema", (c, a) -> {
            String b = "graphql.parse_schema";
            try {
                return new Parser(Args.str(b, a, 0)).schemaDocument();
            } catch (GqlError e) {
                throw Args.err(b, e.format("GraphQL string"));
            }
        });
        t.put("graphql.parse", (c, a) -> {
            String b = "graphql.parse";
            ObjectValue q = queryOrErr(b, a[0], 1);
            ObjectValue s = schemaOrErr(b, a[1], 2);
            Schema schema;
            try {
                schema = Schema.build(s);
            } catch (GqlError e) {
                throw Args.err(b, "Error in gqlparser SchemaDocument to Schema conversion: " + e.format("GraphQL string"));
            }
            try {
                new QueryValidator(schema, q).validate();
            } catch (GqlError e) {
                throw Args.err(b, e.formatValidation("GraphQL string"));
            }
            return ArrayValue.of(q, s);
        });
        t.put("graphql.parse_and_verify", (c, a) -> {
            ArrayValue bad = ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);
            try {
                ObjectValue q = doc(a[0], true);
                ObjectValue s = doc(a[1], false);
                if (q == null || s == null) return bad;
                new QueryValidator(Schema.build(s), q).validate();
                return ArrayValue.of(BooleanValue.TRUE, q, s);
            } catch (GqlError | RuntimeException e) {
                return bad;
            }
        });
        t.put("graphql.is_valid", (c, a) -> {
            try {
                ObjectValue q = doc(a[0], true);
                ObjectValue s = doc(a[1], false);
                if (q == null || s == null) return BooleanValue.FALSE;
                new QueryValidator(Schema.build(s), q).validate();
                return BooleanValue.TRUE;
            } catch (GqlError | RuntimeException e) {
                return BooleanValue.FALSE;
            }
        });
        t.put("graphql.schema_is_valid", (c, a) -> {
            try {
                ObjectValue s = doc(a[0], false);
                if (s == null) return BooleanValue.FALSE;
                Schema.build(s);
                return BooleanValue.TRUE;
            } catch (GqlError | RuntimeException e) {
                return BooleanValue.FALSE;
            }
        });
    }

    private static ObjectValue doc(Value v, boolean query) throws GqlError {
        if (v instanceof StringValue s) {
            Parser p = new Parser(s.value());
            if (!query) return p.schemaDocument();
            ObjectValue d = p.queryDocument();
            POSITIONS.get().clear();
            POSITIONS.get().putAll(p.positions);
            return d;
        }
        if (query) POSITIONS.get().clear();
        if (v instanceof ObjectValue o) return o;
        return null;
    }

    private static ObjectValue queryOrErr(String b, Value v, int pos) {
        if (!(v instanceof StringValue) && !(v instanceof ObjectValue)) throw BuiltinException.operand(b, pos, v, "string", "object");
        try {
            return doc(v, true);
        } catch (GqlError e) {
            throw Args.err(b, e.format("GraphQL string"));
        }
    }

    private static ObjectValue schemaOrErr(String b, Value v, int pos) {
        if (!(v instanceof StringValue) && !(v instanceof ObjectValue)) throw BuiltinException.operand(b, pos, v, "string", "object");
        try {
            return doc(v, false);
        } catch (GqlError e) {
            throw Args.err(b, e.format("GraphQL string"));
        }
    }

    // ------------------------------------------------------------------ errors

    static final class GqlError extends Exception {
        final int line, col;

        GqlError(int line, int col, String msg) {
            super(msg, null, false, false);
            this.line = line;
            this.col = col;
        }

        String format(String where) {
            return getMessage() + " in " + where + " at location " + line + ":" + col;
        }

        /** Validation errors lose their final period (OPA trims gqlerror.List's ".\n"). */
        String formatValidation(String where) {
            String m = getMessage();
            if (m.endsWith(".")) m = m.substring(0, m.length() - 1);
            return m + " in " + where + " at location " + line + ":" + col;
        }
    }

    // ------------------------------------------------------------------ lexer

    enum Kind {
        INVALID("<Invalid>"), EOF("<EOF>"), BANG("!"), DOLLAR("$"), AMP("&"), PAREN_L("("), PAREN_R(")"), SPREAD("..."),
        COLON(":"), EQUALS("="), AT("@"), BRACKET_L("["), BRACKET_R("]"), BRACE_L("{"), BRACE_R("}"), PIPE("|"),
        NAME("Name"), INT("Int"), FLOAT("Float"), STRING("String"), BLOCK_STRING("BlockString");

        final String text;

        Kind(String text) { this.text = text; }
    }

    record Token(Kind kind, String value, int line, int col) {
        @Override
        public String toString() {
            return value.isEmpty() ? kind.text : kind.text + " " + goQuote(value);
        }
    }

    static String goQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (ch < 0x20) sb.append(String.format("\\x%02x", (int) ch)); else sb.append(ch);
                }
            }
        }
        return sb.append('"').toString();
    }

    static final class Lexer {
        final int[] in;
        int end, line = 1, lineStart;

        Lexer(String s) { in = s.codePoints().toArray(); }

        Token read() throws GqlError {
            ws();
            int start = end;
            if (end >= in.length) return tok(Kind.EOF, "", start);
            int r = in[start];
            end++;
            switch (r) {
                case '!': return tok(Kind.BANG, "", start);
                case '$': return tok(Kind.DOLLAR, "", start);
                case '&': return tok(Kind.AMP, "", start);
                case '(': return tok(Kind.PAREN_L, "", start);
                case ')': return tok(Kind.PAREN_R, "", start);
                case '.':
                    if (in.length > start + 2 && in[start + 1] == '.' && in[start + 2] == '.') {
                        end += 2;
                        return tok(Kind.SPREAD, "", start);
                    }
                    break;
                case ':': return tok(Kind.COLON, "", start);
                case '=': return tok(Kind.EQUALS, "", start);
                case '@': return tok(Kind.AT, "", start);
                case '[': return tok(Kind.BRACKET_L, "", start);
                case ']': return tok(Kind.BRACKET_R, "", start);
                case '{': return tok(Kind.BRACE_L, "", start);
                case '}': return tok(Kind.BRACE_R, "", start);
                case '|': return tok(Kind.PIPE, "", start);
                case '#':
                    while (end < in.length && (in[end] > 0x1f || in[end] == '\t')) end++;
                    return read();
                case '"':
                    if (in.length > start + 2 && in[start + 1] == '"' && in[start + 2] == '"') return blockString(start);
                    return string(start);
                default:
                    if (r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')) {
                        while (end < in.length && (in[end] == '_' || Character.isLetterOrDigit(in[end]) && in[end] < 128)) end++;
                        return tok(Kind.NAME, str(start, end), start);
                    }
                    if (r == '-' || (r >= '0' && r <= '9')) return number(start);
            }
            end--;
            if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') throw err(String.format("Cannot contain the invalid character \"\\u%04d\"", r));
            if (r == '\'') throw err("Unexpected single quote character ('), did you mean to use a double quote (\")?");
            throw err("Cannot parse the unexpected character \"" + new String(Character.toChars(r)) + "\".");
        }

        private GqlError err(String msg) {
            return new GqlError(line, end - lineStart + 1, msg);
        }

        private Token tok(Kind k, String v, int start) {
            return new Token(k, v, line, start - lineStart + 1);
        }

        private String str(int a, int b) { return new String(in, a, b - a); }

        private void ws() {
            while (end < in.length) {
                int ch = in[end];
                if (ch == '\t' || ch == ' ' || ch == ',' || ch == 0xfeff) {
                    end++;
                } else if (ch == '\n') {
                    end++;
                    line++;
                    lineStart = end;
                } else if (ch == '\r') {
                    end++;
                    line++;
                    lineStart = end;
                    if (end < in.length && in[end] == '\n') end++;
                } else {
                    return;
                }
            }
        }

        private int digits() {
            int n = 0;
            while (end < in.length && in[end] >= '0' && in[end] <= '9') {
                end++;
                n++;
            }
            return n;
        }

        private boolean accept(char... cs) {
            if (end >= in.length) return false;
            for (char c : cs) {
                if (in[end] == c) {
                    end++;
                    return true;
                }
            }
            return false;
        }

        private String describeNext() {
            return end < in.length ? "\"" + new String(Character.toChars(in[end])) + "\"" : "<EOF>";
        }

        private Token number(int start) throws GqlError {
            end = start;
            boolean isFloat = false;
            accept('-');
            if (accept('0')) {
                int n = digits();
                if (n != 0) {
                    end -= n;
                    throw err("Invalid number, unexpected digit after 0: " + describeNext() + ".");
                }
            } else if (digits() == 0) {
                throw err("Invalid number, expected digit but got: " + describeNext() + ".");
            }
            if (accept('.')) {
                isFloat = true;
                if (digits() == 0) throw err("Invalid number, expected digit but got: " + describeNext() + ".");
            }
            if (accept('e', 'E')) {
                isFloat = true;
                accept('-', '+');
                if (digits() == 0) throw err("Invalid number, expected digit but got: " + describeNext() + ".");
            }
            return tok(isFloat ? Kind.FLOAT : Kind.INT, str(start, end), start);
        }

        private Token string(int start) throws GqlError {
            StringBuilder sb = new StringBuilder();
            while (end < in.length) {
                int r = in[end];
                if (r == '\n' || r == '\r') break;
                if (r < 0x20 && r != '\t') throw err(String.format("Invalid character within String: \"\\u%04d\".", r));
                if (r == '"') {
                    Token t = new Token(Kind.STRING, sb.toString(), line, start + 1 - lineStart + 1);
                    end++;
                    return t;
                }
                if (r == '\\') {
                    if (end + 1 >= in.length) {
                        end++;
                        throw err("Invalid character escape sequence.");
                    }
                    int esc = in[end + 1];
                    if (esc == 'u') {
                        if (end + 6 >= in.length) {
                            end++;
                            throw err("Invalid character escape sequence: \\" + str(end, in.length) + ".");
                        }
                        try {
                            sb.appendCodePoint(Integer.parseInt(str(end + 2, end + 6), 16));
                        } catch (NumberFormatException e) {
                            end++;
                            throw err("Invalid character escape sequence: \\" + str(end, end + 5) + ".");
                        }
                        end += 6;
                    } else {
                        switch (esc) {
                            case '"', '/', '\\' -> sb.appendCodePoint(esc);
                            case 'b' -> sb.append('\b');
                            case 'f' -> sb.append('\f');
                            case 'n' -> sb.append('\n');
                            case 'r' -> sb.append('\r');
                            case 't' -> sb.append('\t');
                            default -> {
                                end++;
                                throw err("Invalid character escape sequence: \\" + new String(Character.toChars(esc)) + ".");
                            }
                        }
                        end += 2;
                    }
                    continue;
                }
                sb.appendCodePoint(r);
                end++;
            }
            throw err("Unterminated string.");
        }

        private Token blockString(int start) throws GqlError {
            int tokLine = line, tokCol = start + 3 - lineStart + 1;
            end += 2;
            StringBuilder sb = new StringBuilder();
            while (end < in.length) {
                int r = in[end];
                if (r == '"' && end + 3 <= in.length && in[end + 1] == '"' && in[end + 2] == '"') {
                    end += 3;
                    return new Token(Kind.BLOCK_STRING, blockStringValue(sb.toString()), tokLine, tokCol);
                }
                if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') {
                    throw err(String.format("Invalid character within String: \"\\u%04d\".", r));
                }
                if (r == '\\' && end + 4 <= in.length && in[end + 1] == '"' && in[end + 2] == '"' && in[end + 3] == '"') {
                    sb.append("\"\"\"");
                    end += 4;
                } else if (r == '\r') {
                    if (end + 1 < in.length && in[end + 1] == '\n') end++;
                    sb.append('\n');
                    end++;
                    line++;
                    lineStart = end;
                } else {
                    sb.appendCodePoint(r);
                    end++;
                    if (r == '\n') {
                        line++;
                        lineStart = end;
                    }
                }
            }
            throw err("Unterminated string.");
        }

        /** The GraphQL spec's BlockStringValue: common indentation and blank first/last lines removed. */
        static String blockStringValue(String raw) {
            String[] lines = raw.split("\r\n|[\n\r]", -1);
            int common = -1;
            for (int i = 1; i < lines.length; i++) {
                String l = lines[i];
                int indent = 0;
                while (indent < l.length() && (l.charAt(indent) == ' ' || l.charAt(indent) == '\t')) indent++;
                if (indent < l.length() && (common == -1 || indent < common)) common = indent;
            }
            List<String> out = new ArrayList<>(List.of(lines));
            if (common > 0) {
                for (int i = 1; i < out.size(); i++) {
                    String l = out.get(i);
                    out.set(i, l.length() < common ? "" : l.substring(common));
                }
            }
            while (!out.isEmpty() && out.get(0).isBlank()) out.remove(0);
            while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) out.remove(out.size() - 1);
            return String.join("\n", out);
        }
    }

    // ------------------------------------------------------------------ parser (gqlparser's, emitting pruned AST JSON)

    /** Builds an AST object, dropping nulls and empty arrays/objects as OPA's pruning does. */
    static final class Node {
        final Map<Value, Value> m = new LinkedHashMap<>();

        Node put(String k, Object v) {
            Value val = toVal(v);
            if (val == null) return this;
            if (val instanceof ArrayValue av && av.size() == 0) return this;
            if (val instanceof ObjectValue ov && ov.size() == 0) return this;
            m.put(StringValue.of(k), val);
            return this;
        }

        ObjectValue build() { return ObjectValue.wrap(m); }

        private static Value toVal(Object v) {
            if (v == null) return null;
            if (v instanceof Value vv) return vv;
            if (v instanceof String s) return StringValue.of(s);
            if (v instanceof Boolean b) return BooleanValue.of(b);
            if (v instanceof Integer i) return NumberValue.of(i);
            if (v instanceof Node n) return n.build();
            if (v instanceof List<?> l) {
                List<Value> out = new ArrayList<>();
                for (Object o : l) {
                    Value e = toVal(o);
                    if (e == null) continue;
                    if (e instanceof ArrayValue av && av.size() == 0) continue;
                    if (e instanceof ObjectValue ov && ov.size() == 0) continue;
                    out.add(e);
                }
                return ArrayValue.of(out);
            }
            throw new IllegalArgumentException(String.valueOf(v));
        }
    }

    /** Positions of the nodes of the query being validated (by identity), for validation messages. */
    private static final ThreadLocal<Map<ObjectValue, int[]>> POSITIONS = ThreadLocal.withInitial(IdentityHashMap::new);

    static final class Parser {
        final Lexer lexer;
        boolean peeked;
        Token peekTok, prev;
        GqlError peekErr;

        Parser(String src) { lexer = new Lexer(src); }

        Token peek() {
            if (!peeked) {
                try {
                    peekTok = lexer.read();
                    peekErr = null;
                } catch (GqlError e) {
                    peekTok = new Token(Kind.INVALID, "", e.line, e.col);
                    peekErr = e;
                }
                peeked = true;
            }
            return peekTok;
        }

        Token next() throws GqlError {
            peek();
            peeked = false;
            if (peekErr != null) throw peekErr;
            prev = peekTok;
            return prev;
        }

        GqlError error(Token t, String msg) { return new GqlError(t.line, t.col, msg); }

        Token expectKeyword(String v) throws GqlError {
            Token t = peek();
            if (t.kind == Kind.NAME && t.value.equals(v)) return next();
            throw error(t, "Expected " + goQuote(v) + ", found " + t);
        }

        Token expect(Kind k) throws GqlError {
            Token t = peek();
            if (t.kind == k) return next();
            throw error(t, "Expected " + k.text + ", found " + t.kind.text);
        }

        boolean skip(Kind k) throws GqlError {
            if (peek().kind != k) return false;
            next();
            return true;
        }

        GqlError unexpected(Token t) { return error(t, "Unexpected " + t); }

        interface Cb { void run() throws GqlError; }

        void many(Kind start, Kind end, Cb cb) throws GqlError {
            if (!skip(start)) return;
            while (peek().kind != end) cb.run();
            next();
        }

        void some(Kind start, Kind end, Cb cb) throws GqlError {
            if (!skip(start)) return;
            boolean called = false;
            while (peek().kind != end) {
                called = true;
                cb.run();
            }
            if (!called) throw error(peek(), "expected at least one definition, found " + peek().kind.text);
            next();
        }

        String name() throws GqlError { return expect(Kind.NAME).value; }

        final Map<ObjectValue, int[]> positions = new IdentityHashMap<>();

        ObjectValue mark(Node n, Token at) {
            ObjectValue o = n.build();
            positions.put(o, new int[] {at.line, at.col});
            return o;
        }

        // -------------------------------------------------------------- query documents

        ObjectValue queryDocument() throws GqlError {
            List<Object> ops = new ArrayList<>(), frags = new ArrayList<>();
            while (peek().kind != Kind.EOF) {
                Token t = peek();
                if (t.kind == Kind.NAME) {
                    switch (t.value) {
                        case "query", "mutation", "subscription" -> ops.add(operation());
                        case "fragment" -> frags.add(fragmentDefinition());
                        default -> throw unexpected(t);
                    }
                } else if (t.kind == Kind.BRACE_L) {
                    ops.add(operation());
                } else {
                    throw unexpected(t);
                }
            }
            return new Node().put("Operations", ops).put("Fragments", frags).build();
        }

        ObjectValue operation() throws GqlError {
            Token at = peek();
            if (at.kind == Kind.BRACE_L) {
                return mark(new Node().put("Operation", "query").put("Name", "").put("SelectionSet", requiredSelectionSet()), at);
            }
            String op = operationType();
            String name = peek().kind == Kind.NAME ? next().value : "";
            List<Object> vars = variableDefinitions();
            List<Object> dirs = directives(false);
            List<Object> sel = requiredSelectionSet();
            return mark(new Node().put("Operation", op).put("Name", name).put("VariableDefinitions", vars)
                    .put("Directives", dirs).put("SelectionSet", sel), at);
        }

        String operationType() throws GqlError {
            Token t = next();
            return switch (t.value) {
                case "query", "mutation", "subscription" -> t.value;
                default -> throw unexpected(t);
            };
        }

        List<Object> variableDefinitions() throws GqlError {
            List<Object> defs = new ArrayList<>();
            many(Kind.PAREN_L, Kind.PAREN_R, () -> {
                Token at = peek();
                expect(Kind.DOLLAR);
                String v = name();
                expect(Kind.COLON);
                ObjectValue type = typeReference();
                ObjectValue def = skip(Kind.EQUALS) ? valueLiteral(true) : null;
                List<Object> dirs = directives(false);
                defs.add(mark(new Node().put("Variable", v).put("Type", type).put("DefaultValue", def)
                        .put("Directives", dirs).put("Used", false), at));
            });
            return defs;
        }

        List<Object> requiredSelectionSet() throws GqlError {
            if (peek().kind != Kind.BRACE_L) throw error(peek(), "Expected {, found " + peek().kind.text);
            List<Object> sel = new ArrayList<>();
            some(Kind.BRACE_L, Kind.BRACE_R, () -> sel.add(selection()));
            return sel;
        }

        ObjectValue selection() throws GqlError {
            if (peek().kind == Kind.SPREAD) return fragment();
            Token at = peek();
            String alias = name();
            String nm = alias;
            if (skip(Kind.COLON)) nm = name();
            List<Object> args = arguments(false);
            List<Object> dirs = directives(false);
            List<Object> sel = null;
            if (peek().kind == Kind.BRACE_L) {
                List<Object> s = new ArrayList<>();
                some(Kind.BRACE_L, Kind.BRACE_R, () -> s.add(selection()));
                sel = s;
            }
            return mark(new Node().put("Alias", alias).put("Name", nm).put("Arguments", args).put("Directives", dirs)
                    .put("SelectionSet", sel), at);
        }

        List<Object> arguments(boolean isConst) throws GqlError {
            List<Object> args = new ArrayList<>();
            many(Kind.PAREN_L, Kind.PAREN_R, () -> {
                Token at = peek();
                String n = name();
                expect(Kind.COLON);
                args.add(mark(new Node().put("Name", n).put("Value", valueLiteral(isConst)), at));
            });
            return args;
        }

        ObjectValue fragment() throws GqlError {
            expect(Kind.SPREAD);
            Token p = peek();
            if (p.kind == Kind.NAME && !p.value.equals("on")) {
                String n = fragmentName();
                return mark(new Node().put("Name", n).put("Directives", directives(false)), p);
            }
            String cond = "";
            if (peek().value.equals("on")) {
                next();
                cond = name();
            }
            List<Object> dirs = directives(false);
            return mark(new Node().put("TypeCondition", cond).put("Directives", dirs).put("SelectionSet", requiredSelectionSet()), p);
        }

        ObjectValue fragmentDefinition() throws GqlError {
            Token at = peek();
            expectKeyword("fragment");
            String n = fragmentName();
            List<Object> vars = variableDefinitions();
            expectKeyword("on");
            String cond = name();
            List<Object> dirs = directives(false);
            return mark(new Node().put("Name", n).put("VariableDefinition", vars).put("TypeCondition", cond)
                    .put("Directives", dirs).put("SelectionSet", requiredSelectionSet()), at);
        }

        String fragmentName() throws GqlError {
            if (peek().value.equals("on")) throw unexpected(peek());
            return name();
        }

        ObjectValue valueLiteral(boolean isConst) throws GqlError {
            Token t = peek();
            int kind;
            switch (t.kind) {
                case BRACKET_L -> {
                    List<Object> vals = new ArrayList<>();
                    many(Kind.BRACKET_L, Kind.BRACKET_R, () -> vals.add(new Node().put("Name", "").put("Value", valueLiteral(isConst))));
                    return value("", 8, vals);
                }
                case BRACE_L -> {
                    List<Object> fields = new ArrayList<>();
                    many(Kind.BRACE_L, Kind.BRACE_R, () -> {
                        String n = name();
                        expect(Kind.COLON);
                        fields.add(new Node().put("Name", n).put("Value", valueLiteral(isConst)));
                    });
                    return value("", 9, fields);
                }
                case DOLLAR -> {
                    if (isConst) throw unexpected(t);
                    expect(Kind.DOLLAR);
                    return value(name(), 0, null);
                }
                case INT -> kind = 1;
                case FLOAT -> kind = 2;
                case STRING -> kind = 3;
                case BLOCK_STRING -> kind = 4;
                case NAME -> kind = switch (t.value) {
                    case "true", "false" -> 5;
                    case "null" -> 6;
                    default -> 7;
                };
                default -> throw unexpected(t);
            }
            next();
            return value(t.value, kind, null);
        }

        private static ObjectValue value(String raw, int kind, List<Object> children) {
            return new Node().put("Raw", raw).put("Children", children).put("Kind", kind).put("ExpectedTypeHasDefault", false).build();
        }

        List<Object> directives(boolean isConst) throws GqlError {
            List<Object> out = new ArrayList<>();
            while (peek().kind == Kind.AT) {
                expect(Kind.AT);
                Token at = peek();
                String n = name();
                out.add(mark(new Node().put("Name", n).put("Arguments", arguments(isConst)).put("Location", ""), at));
            }
            return out;
        }

        ObjectValue typeReference() throws GqlError {
            Node n = new Node();
            if (skip(Kind.BRACKET_L)) {
                n.put("NamedType", "");
                ObjectValue elem = typeReference();
                expect(Kind.BRACKET_R);
                n.put("Elem", elem);
            } else {
                n.put("NamedType", name());
            }
            n.put("NonNull", skip(Kind.BANG));
            return n.build();
        }

        // -------------------------------------------------------------- schema documents

        ObjectValue schemaDocument() throws GqlError {
            List<Object> schema = new ArrayList<>(), schemaExt = new ArrayList<>(), dirs = new ArrayList<>(),
                    defs = new ArrayList<>(), exts = new ArrayList<>();
            while (peek().kind != Kind.EOF) {
                String description = "";
                if (peek().kind == Kind.BLOCK_STRING || peek().kind == Kind.STRING) description = next().value;
                Token t = peek();
                if (t.kind != Kind.NAME) throw unexpected(t);
                switch (t.value) {
                    case "scalar", "type", "interface", "union", "enum", "input" -> defs.add(typeDefinition(description));
                    case "schema" -> {
                        expectKeyword("schema");
                        List<Object> d = directives(true);
                        List<Object> ops = new ArrayList<>();
                        some(Kind.BRACE_L, Kind.BRACE_R, () -> ops.add(operationTypeDefinition()));
                        schema.add(new Node().put("Description", description).put("Directives", d).put("OperationTypes", ops));
                    }
                    case "directive" -> dirs.add(directiveDefinition(description));
                    case "extend" -> {
                        if (!description.isEmpty()) throw unexpected(prev);
                        extension(schemaExt, exts);
                    }
                    default -> throw unexpected(t);
                }
            }
            return new Node().put("Schema", schema).put("SchemaExtension", schemaExt).put("Directives", dirs)
                    .put("Definitions", defs).put("Extensions", exts).build();
        }

        Node operationTypeDefinition() throws GqlError {
            String op = operationType();
            expect(Kind.COLON);
            return new Node().put("Operation", op).put("Type", name());
        }

        Node typeDefinition(String description) throws GqlError {
            Token t = next();
            String kind = switch (t.value) {
                case "scalar" -> "SCALAR";
                case "type" -> "OBJECT";
                case "interface" -> "INTERFACE";
                case "union" -> "UNION";
                case "enum" -> "ENUM";
                default -> "INPUT_OBJECT";
            };
            return definitionBody(kind, description, false);
        }

        Node definitionBody(String kind, String description, boolean extension) throws GqlError {
            String n = name();
            List<Object> interfaces = null, fields = null, types = null, enumValues = null, dirs;
            switch (kind) {
                case "SCALAR" -> dirs = directives(true);
                case "OBJECT", "INTERFACE" -> {
                    if (kind.equals("OBJECT") || !extension) interfaces = implementsInterfaces();
                    dirs = directives(true);
                    fields = fieldsDefinition(false);
                }
                case "UNION" -> {
                    dirs = directives(true);
                    types = unionMembers();
                }
                case "ENUM" -> {
                    dirs = directives(true);
                    List<Object> vals = new ArrayList<>();
                    some(Kind.BRACE_L, Kind.BRACE_R, () -> {
                        String d = description();
                        String vn = name();
                        vals.add(new Node().put("Description", d).put("Name", vn).put("Directives", directives(true)));
                    });
                    enumValues = vals;
                }
                default -> {
                    dirs = directives(!extension);
                    fields = fieldsDefinition(true);
                }
            }
            if (extension) {
                boolean empty = isEmpty(dirs) && isEmpty(fields) && isEmpty(interfaces) && isEmpty(types) && isEmpty(enumValues);
                if (empty) throw unexpected(peek());
            }
            return new Node().put("Kind", kind).put("Description", description).put("Name", n).put("Directives", dirs)
                    .put("Interfaces", interfaces).put("Fields", fields).put("Types", types)
                    .put("EnumValues", enumValues).put("BuiltIn", false);
        }

        private static boolean isEmpty(List<Object> l) { return l == null || l.isEmpty(); }

        String description() throws GqlError {
            Token t = peek();
            if (t.kind != Kind.BLOCK_STRING && t.kind != Kind.STRING) return "";
            return next().value;
        }

        List<Object> implementsInterfaces() throws GqlError {
            List<Object> types = new ArrayList<>();
            if (peek().value.equals("implements")) {
                next();
                skip(Kind.AMP);
                types.add(name());
                while (skip(Kind.AMP)) types.add(name());
            }
            return types;
        }

        List<Object> unionMembers() throws GqlError {
            List<Object> types = new ArrayList<>();
            if (skip(Kind.EQUALS)) {
                skip(Kind.PIPE);
                types.add(name());
                while (skip(Kind.PIPE)) types.add(name());
            }
            return types;
        }

        List<Object> fieldsDefinition(boolean input) throws GqlError {
            List<Object> defs = new ArrayList<>();
            some(Kind.BRACE_L, Kind.BRACE_R, () -> defs.add(input ? inputValueDef() : fieldDefinition()));
            return defs;
        }

        Node fieldDefinition() throws GqlError {
            String d = description();
            String n = name();
            List<Object> args = argumentDefs();
            expect(Kind.COLON);
            ObjectValue type = typeReference();
            return new Node().put("Description", d).put("Name", n).put("Arguments", args).put("Type", type)
                    .put("Directives", directives(true));
        }

        List<Object> argumentDefs() throws GqlError {
            List<Object> args = new ArrayList<>();
            some(Kind.PAREN_L, Kind.PAREN_R, () -> args.add(inputValueDef()));
            return args;
        }

        Node inputValueDef() throws GqlError {
            String d = description();
            String n = name();
            expect(Kind.COLON);
            ObjectValue type = typeReference();
            ObjectValue def = skip(Kind.EQUALS) ? valueLiteral(true) : null;
            return new Node().put("Description", d).put("Name", n).put("DefaultValue", def).put("Type", type)
                    .put("Directives", directives(true));
        }

        void extension(List<Object> schemaExt, List<Object> exts) throws GqlError {
            expectKeyword("extend");
            Token t = peek();
            switch (t.value) {
                case "schema" -> {
                    expectKeyword("schema");
                    List<Object> d = directives(true);
                    List<Object> ops = new ArrayList<>();
                    some(Kind.BRACE_L, Kind.BRACE_R, () -> ops.add(operationTypeDefinition()));
                    if (d.isEmpty() && ops.isEmpty()) throw unexpected(peek());
                    schemaExt.add(new Node().put("Description", "").put("Directives", d).put("OperationTypes", ops));
                }
                case "scalar", "type", "interface", "union", "enum", "input" -> {
                    next();
                    String kind = switch (t.value) {
                        case "scalar" -> "SCALAR";
                        case "type" -> "OBJECT";
                        case "interface" -> "INTERFACE";
                        case "union" -> "UNION";
                        case "enum" -> "ENUM";
                        default -> "INPUT_OBJECT";
                    };
                    exts.add(definitionBody(kind, "", true));
                }
                default -> throw unexpected(t);
            }
        }

        static final Set<String> LOCATIONS = Set.of("QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION",
                "FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT",
                "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT",
                "INPUT_FIELD_DEFINITION");

        Node directiveDefinition(String description) throws GqlError {
            expectKeyword("directive");
            expect(Kind.AT);
            String n = name();
            List<Object> args = argumentDefs();
            boolean repeatable = false;
            if (peek().kind == Kind.NAME && peek().value.equals("repeatable")) {
                repeatable = true;
                next();
            }
            expectKeyword("on");
            List<Object> locs = new ArrayList<>();
            skip(Kind.PIPE);
            locs.add(location());
            while (skip(Kind.PIPE)) locs.add(location());
            return new Node().put("Description", description).put("Name", n).put("Arguments", args)
                    .put("Locations", locs).put("IsRepeatable", repeatable);
        }

        String location() throws GqlError {
            Token t = expect(Kind.NAME);
            if (!LOCATIONS.contains(t.value)) throw unexpected(t);
            return t.value;
        }
    }

    // ------------------------------------------------------------------ AST access helpers

    static String s(Value o, String k) {
        return o instanceof ObjectValue ov && ov.get(k) instanceof StringValue sv ? sv.value() : "";
    }

    static List<Value> l(Value o, String k) {
        return o instanceof ObjectValue ov && ov.get(k) instanceof ArrayValue av ? av.list() : List.of();
    }

    static ObjectValue o(Value o, String k) {
        return o instanceof ObjectValue ov && ov.get(k) instanceof ObjectValue r ? r : null;
    }

    static boolean b(Value o, String k) {
        return o instanceof ObjectValue ov && ov.get(k) instanceof BooleanValue bv && bv.value();
    }

    static int kind(Value v) {
        return v instanceof ObjectValue ov && ov.get("Kind") instanceof NumberValue n && n.toIntOrNull() != null ? n.toIntOrNull() : 0;
    }

    static String typeName(ObjectValue t) {
        if (t == null) return "";
        ObjectValue elem = o(t, "Elem");
        return elem != null ? typeName(elem) : s(t, "NamedType");
    }

    static String typeString(ObjectValue t) {
        if (t == null) return "";
        ObjectValue elem = o(t, "Elem");
        String base = elem != null ? "[" + typeString(elem) + "]" : s(t, "NamedType");
        return b(t, "NonNull") ? base + "!" : base;
    }

    static int[] pos(Value v) {
        int[] p = v instanceof ObjectValue ov ? POSITIONS.get().get(ov) : null;
        return p == null ? new int[] {0, 0} : p;
    }

    // ------------------------------------------------------------------ schema

    static final class TypeDef {
        String kind, name;
        boolean builtIn;
        final List<Value> fields = new ArrayList<>(), directives = new ArrayList<>(), enumValues = new ArrayList<>();
        final List<String> interfaces = new ArrayList<>(), types = new ArrayList<>();
        Value source;

        Value field(String n) {
            for (Value f : fields) if (s(f, "Name").equals(n)) return f;
            return null;
        }

        boolean isInputType() { return kind.equals("SCALAR") || kind.equals("ENUM") || kind.equals("INPUT_OBJECT"); }

        boolean isComposite() { return kind.equals("OBJECT") || kind.equals("INTERFACE") || kind.equals("UNION"); }
    }

    static final String PRELUDE = """
            "The `Int` scalar type represents non-fractional signed whole numeric values."
            scalar Int
            scalar Float
            scalar String
            scalar Boolean
            scalar ID
            directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
            directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
            directive @deprecated(reason: String = "No longer supported") on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
            directive @specifiedBy(url: String!) on SCALAR
            directive @oneOf on INPUT_OBJECT
            type __Schema {
              description: String
              types: [__Type!]!
              queryType: __Type!
              mutationType: __Type
              subscriptionType: __Type
              directives: [__Directive!]!
            }
            type __Type {
              kind: __TypeKind!
              name: String
              description: String
              fields(includeDeprecated: Boolean = false): [__Field!]
              interfaces: [__Type!]
              possibleTypes: [__Type!]
              enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
              inputFields(includeDeprecated: Boolean = false): [__InputValue!]
              ofType: __Type
              specifiedByURL: String
              isOneOf: Boolean
            }
            type __Field {
              name: String!
              description: String
              args(includeDeprecated: Boolean = false): [__InputValue!]!
              type: __Type!
              isDeprecated: Boolean!
              deprecationReason: String
            }
            type __InputValue {
              name: String!
              description: String
              type: __Type!
              defaultValue: String
              isDeprecated: Boolean!
              deprecationReason: String
            }
            type __EnumValue {
              name: String!
              description: String
              isDeprecated: Boolean!
              deprecationReason: String
            }
            enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
            type __Directive {
              name: String!
              description: String
              locations: [__DirectiveLocation!]!
              args(includeDeprecated: Boolean = false): [__InputValue!]!
              isRepeatable: Boolean!
            }
            enum __DirectiveLocation {
              QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD INLINE_FRAGMENT VARIABLE_DEFINITION
              SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION INTERFACE UNION ENUM ENUM_VALUE INPUT_OBJECT
              INPUT_FIELD_DEFINITION
            }
            """;

    private static volatile ObjectValue preludeDoc;

    static ObjectValue prelude() {
        if (preludeDoc == null) {
            try {
                preludeDoc = new Parser(PRELUDE).schemaDocument();
            } catch (GqlError e) {
                throw new IllegalStateException(e);
            }
        }
        return preludeDoc;
    }

    static final class Schema {
        final Map<String, TypeDef> types = new HashMap<>();
        final Map<String, Value> directives = new HashMap<>();
        final Map<String, List<TypeDef>> possible = new HashMap<>();
        TypeDef query, mutation, subscription;

        static Schema build(ObjectValue doc) throws GqlError {
            Schema sc = new Schema();
            ObjectValue pre = prelude();
            List<TypeDef> defs = new ArrayList<>();
            List<Value> allDefs = new ArrayList<>();
            for (Value d : l(pre, "Definitions")) allDefs.add(d);
            int builtInCount = allDefs.size();
            allDefs.addAll(l(doc, "Definitions"));
            for (int i = 0; i < allDefs.size(); i++) {
                Value d = allDefs.get(i);
                String n = s(d, "Name");
                if (sc.types.containsKey(n)) throw new GqlError(pos(d)[0], pos(d)[1], "Cannot redeclare type " + n + ".");
                TypeDef td = new TypeDef();
                td.kind = s(d, "Kind");
                td.name = n;
                td.builtIn = i < builtInCount;
                td.fields.addAll(l(d, "Fields"));
                td.directives.addAll(l(d, "Directives"));
                td.enumValues.addAll(l(d, "EnumValues"));
                for (Value x : l(d, "Interfaces")) td.interfaces.add(((StringValue) x).value());
                for (Value x : l(d, "Types")) td.types.add(((StringValue) x).value());
                td.source = d;
                sc.types.put(n, td);
                defs.add(td);
            }
            for (Value ext : l(doc, "Extensions")) {
                String n = s(ext, "Name");
                TypeDef td = sc.types.get(n);
                if (td == null) {
                    td = new TypeDef();
                    td.kind = s(ext, "Kind");
                    td.name = n;
                    td.source = ext;
                    sc.types.put(n, td);
                    defs.add(td);
                }
                if (!td.kind.equals(s(ext, "Kind"))) {
                    throw new GqlError(pos(ext)[0], pos(ext)[1], "Cannot extend type " + n + " because the base type is a "
                            + td.kind + ", not " + s(ext, "Kind") + ".");
                }
                td.directives.addAll(l(ext, "Directives"));
                for (Value x : l(ext, "Interfaces")) td.interfaces.add(((StringValue) x).value());
                td.fields.addAll(l(ext, "Fields"));
                for (Value x : l(ext, "Types")) td.types.add(((StringValue) x).value());
                td.enumValues.addAll(l(ext, "EnumValues"));
            }
            for (TypeDef td : defs) {
                switch (td.kind) {
                    case "UNION" -> {
                        for (String t : td.types) sc.addPossible(td.name, sc.types.get(t));
                    }
                    case "INPUT_OBJECT", "OBJECT" -> {
                        for (String i : td.interfaces) sc.addPossible(i, td);
                        sc.addPossible(td.name, td);
                    }
                    case "INTERFACE" -> {
                        for (String i : td.interfaces) sc.addPossible(i, td);
                    }
                    default -> { }
                }
            }
            List<Value> dirs = new ArrayList<>(l(pre, "Directives"));
            int builtinDirs = dirs.size();
            dirs.addAll(l(doc, "Directives"));
            for (int i = 0; i < dirs.size(); i++) {
                Value d = dirs.get(i);
                String n = s(d, "Name");
                if (sc.directives.containsKey(n)) {
                    if (Set.of("include", "skip", "deprecated", "specifiedBy", "oneOf").contains(n)) continue;
                    throw new GqlError(0, 0, "Cannot redeclare directive " + n + ".");
                }
                sc.directives.put(n, d);
            }
            List<Value> schemas = l(doc, "Schema");
            if (schemas.size() > 1) throw new GqlError(0, 0, "Cannot have multiple schema entry points, consider schema extensions instead.");
            List<Value> entries = new ArrayList<>();
            if (schemas.size() == 1) entries.addAll(l(schemas.get(0), "OperationTypes"));
            for (Value ext : l(doc, "SchemaExtension")) entries.addAll(l(ext, "OperationTypes"));
            for (Value e : entries) {
                TypeDef td = sc.types.get(s(e, "Type"));
                if (td == null) {
                    throw new GqlError(0, 0, "Schema root " + s(e, "Operation") + " refers to a type " + s(e, "Type") + " that does not exist.");
                }
                switch (s(e, "Operation")) {
                    case "query" -> sc.query = td;
                    case "mutation" -> sc.mutation = td;
                    default -> sc.subscription = td;
                }
            }
            for (String n : new TreeMap<>(sc.types).keySet()) sc.validateDefinition(sc.types.get(n));
            for (String n : new TreeMap<>(sc.directives).keySet()) {
                Value d = sc.directives.get(n);
                validateName(n);
                sc.validateArgs(l(d, "Arguments"), n);
            }
            if (schemas.isEmpty()) {
                if (sc.query == null) sc.query = sc.types.get("Query");
                if (sc.mutation == null) sc.mutation = sc.types.get("Mutation");
                if (sc.subscription == null) sc.subscription = sc.types.get("Subscription");
            }
            if (builtinDirs < 0) throw new IllegalStateException();
            return sc;
        }

        void addPossible(String name, TypeDef td) {
            if (td == null) return;
            List<TypeDef> l = possible.computeIfAbsent(name, k -> new ArrayList<>());
            if (!l.contains(td)) l.add(td);
        }

        static void validateName(String n) throws GqlError {
            if (n.startsWith("__")) {
                throw new GqlError(0, 0, "Name \"" + n + "\" must not begin with \"__\", which is reserved by GraphQL introspection.");
            }
        }

        void validateTypeRef(ObjectValue t) throws GqlError {
            if (!types.containsKey(typeName(t))) throw new GqlError(0, 0, "Undefined type " + typeName(t) + ".");
        }

        void validateArgs(List<Value> args, String currentDirective) throws GqlError {
            for (Value a : args) {
                validateName(s(a, "Name"));
                validateTypeRef(o(a, "Type"));
                TypeDef d = types.get(typeName(o(a, "Type")));
                if (!d.isInputType()) {
                    throw new GqlError(0, 0, "cannot use " + typeString(o(a, "Type")) + " as argument " + s(a, "Name")
                            + " because " + d.kind + " is not a valid input type");
                }
                validateDirectives(l(a, "Directives"), "ARGUMENT_DEFINITION", currentDirective);
            }
        }

        void validateDirectives(List<Value> dirs, String location, String current) throws GqlError {
            for (Value d : dirs) {
                String n = s(d, "Name");
                validateName(n);
                if (n.equals(current)) throw new GqlError(0, 0, "Directive " + n + " cannot refer to itself.");
                Value def = directives.get(n);
                if (def == null) throw new GqlError(0, 0, "Undefined directive " + n + ".");
                boolean ok = false;
                for (Value loc : l(def, "Locations")) if (((StringValue) loc).value().equals(location)) ok = true;
                if (!ok) throw new GqlError(0, 0, "Directive " + n + " is not applicable on " + location + ".");
            }
        }

        void validateDefinition(TypeDef def) throws GqlError {
            for (Value f : def.fields) {
                validateName(s(f, "Name"));
                validateTypeRef(o(f, "Type"));
                validateArgs(l(f, "Arguments"), null);
                validateDirectives(l(f, "Directives"), def.kind.equals("INPUT_OBJECT") ? "INPUT_FIELD_DEFINITION" : "FIELD_DEFINITION", null);
            }
            for (String t : def.types) {
                TypeDef td = types.get(t);
                if (td == null) throw new GqlError(0, 0, "Undefined type " + goQuote(t) + ".");
                if (!td.kind.equals("OBJECT")) throw new GqlError(0, 0, def.kind + " type " + goQuote(t) + " must be OBJECT.");
            }
            for (String i : def.interfaces) validateImplements(def, i);
            switch (def.kind) {
                case "OBJECT", "INTERFACE" -> {
                    if (def.fields.isEmpty()) throw new GqlError(0, 0, def.kind + " " + def.name + ": must define one or more fields.");
                    for (Value f : def.fields) {
                        TypeDef t = types.get(typeName(o(f, "Type")));
                        if (t != null && t.kind.equals("INPUT_OBJECT")) {
                            throw new GqlError(0, 0, def.kind + " " + def.name + ": field must be one of SCALAR, OBJECT, INTERFACE, UNION, ENUM.");
                        }
                    }
                }
                case "ENUM" -> {
                    if (def.enumValues.isEmpty()) {
                        throw new GqlError(0, 0, def.kind + " " + def.name + ": must define one or more unique enum values.");
                    }
                    for (Value v : def.enumValues) {
                        String n = s(v, "Name");
                        if (n.equals("true") || n.equals("false") || n.equals("null")) {
                            throw new GqlError(0, 0, def.kind + " " + def.name + ": non-enum value " + n + ".");
                        }
                    }
                }
                case "INPUT_OBJECT" -> {
                    if (def.fields.isEmpty()) throw new GqlError(0, 0, def.kind + " " + def.name + ": must define one or more input fields.");
                    for (Value f : def.fields) {
                        TypeDef t = types.get(typeName(o(f, "Type")));
                        if (t != null && !t.isInputType()) {
                            throw new GqlError(0, 0, t.kind + " " + s(f, "Name") + ": field must be one of SCALAR, ENUM, INPUT_OBJECT.");
                        }
                    }
                }
                default -> { }
            }
            Set<String> seen = new HashSet<>();
            for (Value f : def.fields) {
                if (!seen.add(s(f, "Name"))) throw new GqlError(0, 0, "Field " + def.name + "." + s(f, "Name") + " can only be defined once.");
            }
            if (!def.builtIn) validateName(def.name);
            validateDirectives(def.directives, def.kind, null);
        }

        void validateImplements(TypeDef def, String intfName) throws GqlError {
            TypeDef intf = types.get(intfName);
            if (intf == null) throw new GqlError(0, 0, "Undefined type " + goQuote(intfName) + ".");
            if (!intf.kind.equals("INTERFACE")) throw new GqlError(0, 0, goQuote(intfName) + " is a non interface type " + intf.kind + ".");
            for (Value req : intf.fields) {
                Value found = def.field(s(req, "Name"));
                if (found == null) {
                    throw new GqlError(0, 0, "For " + def.name + " to implement " + intf.name + " it must have a field called " + s(req, "Name") + ".");
                }
                if (!covariant(o(req, "Type"), o(found, "Type"))) {
                    throw new GqlError(0, 0, "For " + def.name + " to implement " + intf.name + " the field " + s(req, "Name")
                            + " must have type " + typeString(o(req, "Type")) + ".");
                }
                for (Value ra : l(req, "Arguments")) {
                    Value fa = null;
                    for (Value x : l(found, "Arguments")) if (s(x, "Name").equals(s(ra, "Name"))) fa = x;
                    if (fa == null || !typeString(o(ra, "Type")).equals(typeString(o(fa, "Type")))) {
                        throw new GqlError(0, 0, "For " + def.name + " to implement " + intf.name + " the field " + s(req, "Name")
                                + " must have the same arguments");
                    }
                }
            }
            for (String transitive : intf.interfaces) {
                if (!def.interfaces.contains(transitive)) {
                    if (transitive.equals(def.name)) {
                        throw new GqlError(0, 0, "Type " + def.name + " cannot implement " + intfName + " because it would create a circular reference.");
                    }
                    throw new GqlError(0, 0, "Type " + def.name + " must implement " + transitive + " because it is implemented by " + intfName + ".");
                }
            }
        }

        boolean covariant(ObjectValue req, ObjectValue act) {
            if (req == null || act == null) return false;
            if (b(req, "NonNull") && !b(act, "NonNull")) return false;
            String rn = s(req, "NamedType");
            if (!rn.isEmpty()) {
                if (rn.equals(s(act, "NamedType"))) return true;
                for (TypeDef pt : possible.getOrDefault(rn, List.of())) if (pt.name.equals(s(act, "NamedType"))) return true;
                return false;
            }
            if (o(req, "Elem") != null && o(act, "Elem") == null) return false;
            return covariant(o(req, "Elem"), o(act, "Elem"));
        }
    }

    // ------------------------------------------------------------------ query validation (gqlparser's rules)

    static final class QueryValidator {
        final Schema schema;
        final ObjectValue doc;
        final Map<String, Value> fragments = new LinkedHashMap<>();

        QueryValidator(Schema schema, ObjectValue doc) {
            this.schema = schema;
            this.doc = doc;
            for (Value f : l(doc, "Fragments")) fragments.put(s(f, "Name"), f);
        }

        GqlError err(Value at, String msg) {
            int[] p = pos(at);
            return new GqlError(p[0], p[1], msg);
        }

        void validate() throws GqlError {
            List<Value> ops = l(doc, "Operations");
            Set<String> opNames = new HashSet<>();
            for (Value op : ops) {
                String n = s(op, "Name");
                if (n.isEmpty() && ops.size() > 1) throw err(op, "This anonymous operation must be the only defined operation.");
                if (!n.isEmpty() && !opNames.add(n)) throw err(op, "There can be only one operation named \"" + n + "\".");
            }
            Set<String> fragNames = new HashSet<>();
            for (Value f : l(doc, "Fragments")) {
                if (!fragNames.add(s(f, "Name"))) throw err(f, "There can be only one fragment named \"" + s(f, "Name") + "\".");
                TypeDef t = schema.types.get(s(f, "TypeCondition"));
                if (t == null) throw err(f, "Unknown type \"" + s(f, "TypeCondition") + "\".");
                if (!t.isComposite()) {
                    throw err(f, "Fragment \"" + s(f, "Name") + "\" cannot condition on non composite type \"" + t.name + "\".");
                }
            }
            Set<String> usedFragments = new HashSet<>();
            for (Value op : ops) {
                String opType = s(op, "Operation");
                if (opType.isEmpty()) opType = "query";
                TypeDef root = switch (opType) {
                    case "mutation" -> schema.mutation;
                    case "subscription" -> schema.subscription;
                    default -> schema.query;
                };
                if (root == null) throw err(op, "Schema does not support operation type \"" + opType + "\"");
                Map<String, Value> vars = new LinkedHashMap<>();
                for (Value v : l(op, "VariableDefinitions")) {
                    String vn = s(v, "Variable");
                    if (vars.containsKey(vn)) throw err(v, "There can be only one variable named \"$" + vn + "\".");
                    vars.put(vn, v);
                    TypeDef vt = schema.types.get(typeName(o(v, "Type")));
                    if (vt == null) throw err(v, "Unknown type \"" + typeName(o(v, "Type")) + "\".");
                    if (!vt.isInputType()) {
                        throw err(v, "Variable \"$" + vn + "\" cannot be non-input type \"" + typeString(o(v, "Type")) + "\".");
                    }
                    ObjectValue dv = o(v, "DefaultValue");
                    if (dv != null) checkValue(dv, o(v, "Type"), v, Map.of());
                }
                directives(l(op, "Directives"), opType.toUpperCase(), vars, new HashSet<>());
                Set<String> usedVars = new HashSet<>();
                Set<String> visited = new HashSet<>();
                selectionSet(root, l(op, "SelectionSet"), vars, usedVars, visited);
                usedFragments.addAll(visited);
                for (String vn : vars.keySet()) {
                    if (!usedVars.contains(vn)) {
                        String opn = s(op, "Name");
                        throw err(vars.get(vn), opn.isEmpty() ? "Variable \"$" + vn + "\" is never used."
                                : "Variable \"$" + vn + "\" is never used in operation \"" + opn + "\".");
                    }
                }
            }
            for (Value f : l(doc, "Fragments")) {
                if (!usedFragments.contains(s(f, "Name"))) throw err(f, "Fragment \"" + s(f, "Name") + "\" is never used.");
            }
        }

        void selectionSet(TypeDef parent, List<Value> sels, Map<String, Value> vars, Set<String> usedVars, Set<String> visited) throws GqlError {
            for (Value sel : sels) {
                ObjectValue so = (ObjectValue) sel;
                if (so.get("Alias") != null) {
                    field(parent, so, vars, usedVars, visited);
                } else if (so.get("TypeCondition") != null || so.get("SelectionSet") != null) {
                    String cond = s(so, "TypeCondition");
                    TypeDef t = parent;
                    if (!cond.isEmpty()) {
                        t = schema.types.get(cond);
                        if (t == null) throw err(so, "Unknown type \"" + cond + "\".");
                        if (!t.isComposite()) throw err(so, "Fragment cannot condition on non composite type \"" + cond + "\".");
                        if (!possibleOverlap(parent, t)) {
                            throw err(so, "Fragment cannot be spread here as objects of type \"" + parent.name
                                    + "\" can never be of type \"" + t.name + "\".");
                        }
                    }
                    directives(l(so, "Directives"), "INLINE_FRAGMENT", vars, usedVars);
                    selectionSet(t, l(so, "SelectionSet"), vars, usedVars, visited);
                } else {
                    String n = s(so, "Name");
                    directives(l(so, "Directives"), "FRAGMENT_SPREAD", vars, usedVars);
                    Value frag = fragments.get(n);
                    if (frag == null) throw err(so, "Unknown fragment \"" + n + "\".");
                    TypeDef t = schema.types.get(s(frag, "TypeCondition"));
                    if (t != null && !possibleOverlap(parent, t)) {
                        throw err(so, "Fragment \"" + n + "\" cannot be spread here as objects of type \"" + parent.name
                                + "\" can never be of type \"" + t.name + "\".");
                    }
                    if (visited.add(n)) {
                        if (t != null) selectionSet(t, l(frag, "SelectionSet"), vars, usedVars, visited);
                        directives(l(frag, "Directives"), "FRAGMENT_DEFINITION", vars, usedVars);
                    } else if (visitingCycle(n, new HashSet<>())) {
                        throw err(so, "Cannot spread fragment \"" + n + "\" within itself.");
                    }
                }
            }
        }

        boolean visitingCycle(String n, Set<String> seen) {
            if (!seen.add(n)) return true;
            Value frag = fragments.get(n);
            if (frag == null) return false;
            return spreadsIn(l(frag, "SelectionSet"), n, seen);
        }

        boolean spreadsIn(List<Value> sels, String target, Set<String> seen) {
            for (Value s : sels) {
                ObjectValue so = (ObjectValue) s;
                if (so.get("Alias") == null && so.get("TypeCondition") == null && so.get("SelectionSet") == null) {
                    String n = s(so, "Name");
                    if (n.equals(target)) return true;
                    if (seen.add(n) && spreadsIn(l(fragments.get(n), "SelectionSet"), target, seen)) return true;
                } else if (spreadsIn(l(so, "SelectionSet"), target, seen)) {
                    return true;
                }
            }
            return false;
        }

        boolean possibleOverlap(TypeDef a, TypeDef b) {
            Set<String> pa = possibleNames(a), pb = possibleNames(b);
            for (String x : pa) if (pb.contains(x)) return true;
            return false;
        }

        Set<String> possibleNames(TypeDef t) {
            Set<String> out = new HashSet<>();
            if (t.kind.equals("OBJECT")) out.add(t.name);
            for (TypeDef p : schema.possible.getOrDefault(t.name, List.of())) out.add(p.name);
            return out;
        }

        void field(TypeDef parent, ObjectValue f, Map<String, Value> vars, Set<String> usedVars, Set<String> visited) throws GqlError {
            String n = s(f, "Name");
            directives(l(f, "Directives"), "FIELD", vars, usedVars);
            if (n.equals("__typename")) {
                if (!l(f, "SelectionSet").isEmpty()) throw err(f, "Field \"__typename\" must not have a selection since type \"String!\" has no subfields.");
                return;
            }
            Value def = parent.field(n);
            if (def == null && parent == schema.query && (n.equals("__schema") || n.equals("__type"))) {
                def = n.equals("__schema") ? introspectionField("__schema", "__Schema", true) : introspectionField("__type", "__Type", false);
            }
            if (def == null) throw err(f, "Cannot query field \"" + n + "\" on type \"" + parent.name + "\".");
            arguments(l(f, "Arguments"), l(def, "Arguments"), f, "Field \"" + n + "\"", vars, usedVars);
            TypeDef t = schema.types.get(typeName(o(def, "Type")));
            List<Value> sub = l(f, "SelectionSet");
            if (t == null) return;
            if (!t.isComposite()) {
                if (!sub.isEmpty()) {
                    throw err(f, "Field \"" + n + "\" must not have a selection since type \"" + typeString(o(def, "Type")) + "\" has no subfields.");
                }
            } else {
                if (sub.isEmpty()) {
                    throw err(f, "Field \"" + n + "\" of type \"" + typeString(o(def, "Type")) + "\" must have a selection of subfields.");
                }
                selectionSet(t, sub, vars, usedVars, visited);
            }
        }

        private static Value introspectionField(String name, String type, boolean nonNull) {
            return new Node().put("Name", name).put("Type", new Node().put("NamedType", type).put("NonNull", nonNull)).build();
        }

        void arguments(List<Value> given, List<Value> defs, Value at, String what, Map<String, Value> vars, Set<String> usedVars) throws GqlError {
            Set<String> seen = new HashSet<>();
            for (Value a : given) {
                String an = s(a, "Name");
                if (!seen.add(an)) throw err(a, "There can be only one argument named \"" + an + "\".");
                Value d = null;
                for (Value x : defs) if (s(x, "Name").equals(an)) d = x;
                if (d == null) throw err(a, "Unknown argument \"" + an + "\" on " + what.toLowerCase().replace("field", "field") + ".");
                ObjectValue v = o(a, "Value");
                if (v != null) {
                    collectVars(v, usedVars, vars, a);
                    checkValue(v, o(d, "Type"), a, vars);
                }
            }
            for (Value d : defs) {
                ObjectValue t = o(d, "Type");
                if (b(t, "NonNull") && o(d, "DefaultValue") == null && !seen.contains(s(d, "Name"))) {
                    throw err(at, what + " argument \"" + s(d, "Name") + "\" of type \"" + typeString(t) + "\" is required, but it was not provided.");
                }
            }
        }

        void collectVars(ObjectValue v, Set<String> used, Map<String, Value> vars, Value at) throws GqlError {
            if (kind(v) == 0 && v.get("Children") == null) {
                String n = s(v, "Raw");
                if (!vars.containsKey(n)) throw err(at, "Variable \"$" + n + "\" is not defined.");
                used.add(n);
                return;
            }
            for (Value c : l(v, "Children")) {
                ObjectValue cv = o(c, "Value");
                if (cv != null) collectVars(cv, used, vars, at);
            }
        }

        /** ValuesOfCorrectType, for literals (variables are checked for definition only). */
        void checkValue(ObjectValue v, ObjectValue type, Value at, Map<String, Value> vars) throws GqlError {
            int k = kind(v);
            if (k == 0 && v.get("Children") == null) return;
            if (type == null) return;
            if (k == 6) {
                if (b(type, "NonNull")) throw err(at, "Expected value of type \"" + typeString(type) + "\", found null.");
                return;
            }
            ObjectValue elem = o(type, "Elem");
            if (elem != null) {
                if (k == 8) {
                    for (Value c : l(v, "Children")) {
                        ObjectValue cv = o(c, "Value");
                        if (cv != null) checkValue(cv, elem, at, vars);
                    }
                } else {
                    checkValue(v, elem, at, vars);
                }
                return;
            }
            TypeDef td = schema.types.get(s(type, "NamedType"));
            if (td == null) return;
            String raw = s(v, "Raw");
            String found = k == 3 || k == 4 ? goQuote(raw) : raw;
            switch (td.kind) {
                case "ENUM" -> {
                    if (k != 7) throw err(at, "Enum \"" + td.name + "\" cannot represent non-enum value: " + found + ".");
                    boolean ok = false;
                    for (Value ev : td.enumValues) if (s(ev, "Name").equals(raw)) ok = true;
                    if (!ok) throw err(at, "Value \"" + raw + "\" does not exist in \"" + td.name + "\" enum.");
                }
                case "SCALAR" -> {
                    boolean ok = switch (td.name) {
                        case "Int" -> k == 1;
                        case "Float" -> k == 1 || k == 2;
                        case "String" -> k == 3 || k == 4;
                        case "Boolean" -> k == 5;
                        case "ID" -> k == 1 || k == 3 || k == 4;
                        default -> true;
                    };
                    if (!ok) throw err(at, td.name + " cannot represent a non " + td.name.toLowerCase() + " value: " + found);
                }
                case "INPUT_OBJECT" -> {
                    if (k != 9) throw err(at, "Expected value of type \"" + typeString(type) + "\", found " + found + ".");
                    Set<String> given = new HashSet<>();
                    for (Value c : l(v, "Children")) {
                        String cn = s(c, "Name");
                        given.add(cn);
                        Value fd = td.field(cn);
                        if (fd == null) throw err(at, "Field \"" + cn + "\" is not defined by type \"" + td.name + "\".");
                        ObjectValue cv = o(c, "Value");
                        if (cv != null) checkValue(cv, o(fd, "Type"), at, vars);
                    }
                    for (Value fd : td.fields) {
                        if (b(o(fd, "Type"), "NonNull") && o(fd, "DefaultValue") == null && !given.contains(s(fd, "Name"))) {
                            throw err(at, "Field \"" + td.name + "." + s(fd, "Name") + "\" of required type \""
                                    + typeString(o(fd, "Type")) + "\" was not provided.");
                        }
                    }
                }
                default -> { }
            }
        }

        void directives(List<Value> dirs, String location, Map<String, Value> vars, Set<String> usedVars) throws GqlError {
            Set<String> seen = new HashSet<>();
            for (Value d : dirs) {
                String n = s(d, "Name");
                Value def = schema.directives.get(n);
                if (def == null) throw err(d, "Unknown directive \"@" + n + "\".");
                boolean ok = false;
                for (Value loc : l(def, "Locations")) if (((StringValue) loc).value().equals(location)) ok = true;
                if (!ok) throw err(d, "Directive \"@" + n + "\" may not be used on " + location + ".");
                if (!seen.add(n) && !b(def, "IsRepeatable")) {
                    throw err(d, "The directive \"@" + n + "\" can only be used once at this location.");
                }
                arguments(l(d, "Arguments"), l(def, "Arguments"), d, "Directive \"@" + n + "\"", vars, usedVars);
            }
        }
    }

}
