package dev.gkstudio.rego.parser;

import dev.gkstudio.rego.ast.Comment;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts Rego source text into tokens up front (the parser backtracks over the token array). Comments are
 * collected separately. Template strings are split into chunks: the lexer tracks brace nesting so that the
 * '}' closing a template expression continues the template string, as OPA's scanner does on the parser's request.
 */
final class Lexer {
    private final String src;
    private final int n;
    private int pos;
    private final List<Token> tokens = new ArrayList<>();
    private final List<int[]> comments = new ArrayList<>(); // [start, end]
    /** stack of contexts: 0 = plain brace, 1 = template expr ("..."), 2 = template expr (`...`). */
    private int[] ctx = new int[16];
    private int ctxLen;

    Lexer(String src) {
        this.src = src;
        this.n = src.length();
    }

    List<Token> tokens() { return tokens; }

    List<int[]> commentRanges() { return comments; }

    void run() {
        if (n > 0 && src.charAt(0) == '\uFEFF') pos = 1;
        boolean ws = false, nl = false;
        while (true) {
            if (pos >= n) {
                tokens.add(new Token(TokenKind.EOF, "", null, n, n, ws, nl, null, false, false));
                return;
            }
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (c == '\n') nl = true;
                ws = true;
                pos++;
                continue;
            }
            if (c == '#') {
                int s = pos;
                while (pos < n && src.charAt(pos) != '\n') pos++;
                int e = pos;
                if (e > s && src.charAt(e - 1) == '\r') e--;
                comments.add(new int[]{s, e});
                ws = true;
                continue;
            }
            Token t = scan(ws, nl);
            tokens.add(t);
            ws = false;
            nl = false;
        }
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isDecimal(char c) { return c >= '0' && c <= '9'; }

    private char at(int i) { return i < n ? src.charAt(i) : '\0'; }

    private Token simple(TokenKind k, int s, int len, boolean ws, boolean nl) {
        pos = s + len;
        return new Token(k, src.substring(s, s + len), null, s, s + len, ws, nl, null, false, false);
    }

    private void push(int c) {
        if (ctxLen == ctx.length) ctx = java.util.Arrays.copyOf(ctx, ctxLen * 2);
        ctx[ctxLen++] = c;
    }

    private Token scan(boolean ws, boolean nl) {
        int s = pos;
        char c = src.charAt(pos);
        if (isLetter(c)) {
            int i = pos + 1;
            while (i < n && (isLetter(src.charAt(i)) || isDecimal(src.charAt(i)) || (src.charAt(i) > 127 && Character.isDigit(src.charAt(i))))) i++;
            return simple(TokenKind.IDENT, s, i - s, ws, nl);
        }
        if (isDecimal(c)) return scanNumber(ws, nl);
        switch (c) {
            case '"': return scanString(ws, nl);
            case '`': return scanRaw(ws, nl);
            case '[': return simple(TokenKind.LBRACK, s, 1, ws, nl);
            case ']': return simple(TokenKind.RBRACK, s, 1, ws, nl);
            case '{':
                push(0);
                return simple(TokenKind.LBRACE, s, 1, ws, nl);
            case '}':
                if (ctxLen > 0) {
                    int top = ctx[--ctxLen];
                    if (top != 0) {
                        pos++;
                        return scanTemplate(s, top == 2, true, ws, nl);
                    }
                }
                return simple(TokenKind.RBRACE, s, 1, ws, nl);
            case '(': return simple(TokenKind.LPAREN, s, 1, ws, nl);
            case ')': return simple(TokenKind.RPAREN, s, 1, ws, nl);
            case ',': return simple(TokenKind.COMMA, s, 1, ws, nl);
            case ';': return simple(TokenKind.SEMI, s, 1, ws, nl);
            case '.': return simple(TokenKind.DOT, s, 1, ws, nl);
            case ':': return at(s + 1) == '=' ? simple(TokenKind.ASSIGN, s, 2, ws, nl) : simple(TokenKind.COLON, s, 1, ws, nl);
            case '+': return simple(TokenKind.ADD, s, 1, ws, nl);
            case '-': return simple(TokenKind.SUB, s, 1, ws, nl);
            case '*': return simple(TokenKind.MUL, s, 1, ws, nl);
            case '/': return simple(TokenKind.QUO, s, 1, ws, nl);
            case '%': return simple(TokenKind.REM, s, 1, ws, nl);
            case '&': return simple(TokenKind.AMP, s, 1, ws, nl);
            case '|': return simple(TokenKind.PIPE, s, 1, ws, nl);
            case '=': return at(s + 1) == '=' ? simple(TokenKind.EQUAL, s, 2, ws, nl) : simple(TokenKind.UNIFY, s, 1, ws, nl);
            case '>': return at(s + 1) == '=' ? simple(TokenKind.GTE, s, 2, ws, nl) : simple(TokenKind.GT, s, 1, ws, nl);
            case '<': return at(s + 1) == '=' ? simple(TokenKind.LTE, s, 2, ws, nl) : simple(TokenKind.LT, s, 1, ws, nl);
            case '!':
                if (at(s + 1) == '=') return simple(TokenKind.NEQ, s, 2, ws, nl);
                pos = s + 1;
                return new Token(TokenKind.ILLEGAL, "!", null, s, s + 1, ws, nl, "illegal ! character", false, false);
            case '$':
                if (at(s + 1) == '"') {
                    pos = s + 2;
                    return scanTemplate(s, false, false, ws, nl);
                }
                if (at(s + 1) == '`') {
                    pos = s + 2;
                    return scanTemplate(s, true, false, ws, nl);
                }
                pos = s + 1;
                return new Token(TokenKind.ILLEGAL, "$", null, s, s + 1, ws, nl, "illegal $ character", false, false);
            default:
                pos = s + Character.charCount(src.codePointAt(s));
                String err = c == 0 ? "illegal null character" : null;
                return new Token(TokenKind.ILLEGAL, src.substring(s, pos), null, s, pos, ws, nl, err, false, false);
        }
    }

    private Token scanNumber(boolean ws, boolean nl) {
        int s = pos;
        String err = null;
        while (pos < n && isDecimal(src.charAt(pos))) pos++;
        if (at(pos) == '.') {
            pos++;
            boolean found = false;
            while (pos < n && isDecimal(src.charAt(pos))) { pos++; found = true; }
            if (!found) err = "expected fraction";
        }
        char e = at(pos);
        if (e == 'e' || e == 'E') {
            pos++;
            if (at(pos) == '+' || at(pos) == '-') pos++;
            boolean found = false;
            while (pos < n && isDecimal(src.charAt(pos))) { pos++; found = true; }
            if (!found && err == null) err = "expected exponent";
        }
        if (pos < n && isLetter(src.charAt(pos))) {
            if (err == null) err = "illegal number format";
            while (pos < n && (isLetter(src.charAt(pos)) || isDecimal(src.charAt(pos)))) pos++;
        }
        return new Token(err == null ? TokenKind.NUMBER : TokenKind.ILLEGAL, src.substring(s, pos), null, s, pos, ws, nl, err, false, false);
    }

    private Token scanString(boolean ws, boolean nl) {
        int s = pos;
        pos++;
        String err = null;
        boolean escapes = false;
        while (true) {
            if (pos >= n || src.charAt(pos) == '\n') {
                err = "non-terminated string";
                break;
            }
            char ch = src.charAt(pos++);
            if (ch == '"') break;
            if (ch == '\\') {
                escapes = true;
                char x = at(pos);
                switch (x) {
                    case '\\', '"', '/', 'b', 'f', 'n', 'r', 't' -> pos++;
                    case 'u' -> pos = Math.min(n, pos + 5);
                    default -> { if (err == null) err = "illegal escape sequence"; }
                }
            }
        }
        String lit = src.substring(s, pos);
        String value = null;
        if (err == null) {
            String inner = lit.substring(1, lit.length() - 1);
            if (!escapes) value = inner;
            else {
                value = unescape(inner, false);
                if (value == null) err = "illegal string literal: " + lit;
            }
        }
        return new Token(err == null ? TokenKind.STRING : TokenKind.ILLEGAL, lit, value, s, pos, ws, nl, err, false, false);
    }

    private Token scanRaw(boolean ws, boolean nl) {
        int s = pos;
        int close = src.indexOf('`', pos + 1);
        if (close < 0) {
            pos = n;
            return new Token(TokenKind.ILLEGAL, src.substring(s), null, s, n, ws, nl, "non-terminated string", false, false);
        }
        pos = close + 1;
        return new Token(TokenKind.STRING, src.substring(s, pos), src.substring(s + 1, close), s, pos, ws, nl, null, false, true);
    }

    /** Scans a template chunk; pos is just after the opening {@code $"}/{@code $`} or the closing '}' of an expr. */
    private Token scanTemplate(int s, boolean multi, boolean cont, boolean ws, boolean nl) {
        StringBuilder raw = new StringBuilder();
        String err = null;
        boolean end = false;
        char close = multi ? '`' : '"';
        while (true) {
            if (pos >= n || (!multi && src.charAt(pos) == '\n')) {
                err = "non-terminated string";
                break;
            }
            char ch = src.charAt(pos++);
            if (ch == close) { end = true; break; }
            if (ch == '{') break;
            if (ch == '\\') {
                char x = at(pos);
                if (x == '{') {
                    raw.append('{');
                    pos++;
                    continue;
                }
                if (multi) {
                    raw.append('\\');
                    continue;
                }
                switch (x) {
                    case '\\', '"', '/', 'b', 'f', 'n', 'r', 't' -> { raw.append('\\').append(x); pos++; }
                    case 'u' -> { raw.append(src, pos - 1, Math.min(n, pos + 5)); pos = Math.min(n, pos + 5); }
                    default -> { if (err == null) err = "illegal escape sequence"; }
                }
                continue;
            }
            raw.append(ch);
        }
        String value = null;
        if (err == null) {
            value = multi ? raw.toString() : unescape(raw.toString(), false);
            if (value == null) err = "illegal template-string part: " + src.substring(s, pos);
        }
        if (err == null && !end) push(multi ? 2 : 1);
        TokenKind k = err != null ? TokenKind.ILLEGAL : (end ? TokenKind.TSTR_END : TokenKind.TSTR_PART);
        return new Token(k, src.substring(s, pos), value, s, pos, ws, nl, err, cont, multi);
    }

    /** JSON string unescape; returns null on invalid escapes. */
    static String unescape(String s, boolean ignored) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                if (c < 0x20) return null;
                sb.append(c);
                continue;
            }
            if (++i >= s.length()) return null;
            char e = s.charAt(i);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (i + 4 >= s.length()) return null;
                    int v = 0;
                    for (int k = 1; k <= 4; k++) {
                        int d = Character.digit(s.charAt(i + k), 16);
                        if (d < 0) return null;
                        v = v * 16 + d;
                    }
                    sb.append((char) v);
                    i += 4;
                }
                default -> { return null; }
            }
        }
        return sb.toString();
    }

    /** @return the comment texts/locations as AST comments (text after '#'). */
    static List<Comment> toComments(String src, List<int[]> ranges, LineIndex li) {
        List<Comment> out = new ArrayList<>(ranges.size());
        for (int[] r : ranges) out.add(new Comment(src.substring(r[0] + 1, r[1]), li.loc(r[0], r[1])));
        return out;
    }
}
