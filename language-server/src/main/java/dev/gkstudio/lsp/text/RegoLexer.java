package dev.gkstudio.lsp.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A small, forgiving Rego tokenizer for editor features that must work on broken text (semantic tokens,
 * folding, references, the word under the cursor). It never fails: unknown characters become OTHER tokens.
 */
public final class RegoLexer {

    public enum Kind { IDENT, KEYWORD, NUMBER, STRING, COMMENT, OPERATOR, PUNCT, OTHER }

    /** A token: kind and [start, end) char offsets. */
    public record Token(Kind kind, int start, int end, String text) {
        public boolean is(String s) { return text.equals(s); }
    }

    public static final Set<String> KEYWORDS = Set.of("package", "import", "as", "default", "else", "not", "some",
            "with", "every", "in", "if", "contains", "true", "false", "null");

    private RegoLexer() {}

    public static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0, n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#') {
                while (i < n && s.charAt(i) != '\n') i++;
                out.add(new Token(Kind.COMMENT, start, i, s.substring(start, i)));
            } else if (c == '"') {
                i++;
                while (i < n && s.charAt(i) != '"' && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\') i++;
                    i++;
                }
                i = Math.min(n, i + 1);
                out.add(new Token(Kind.STRING, start, i, s.substring(start, i)));
            } else if (c == '`') {
                i++;
                while (i < n && s.charAt(i) != '`') i++;
                i = Math.min(n, i + 1);
                out.add(new Token(Kind.STRING, start, i, s.substring(start, i)));
            } else if (c == '$' && i + 1 < n && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '`')) {
                char q = s.charAt(i + 1);
                i += 2;
                while (i < n && s.charAt(i) != q && (q == '`' || s.charAt(i) != '\n')) {
                    if (q == '"' && s.charAt(i) == '\\') i++;
                    i++;
                }
                i = Math.min(n, i + 1);
                out.add(new Token(Kind.STRING, start, i, s.substring(start, i)));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
                String w = s.substring(start, i);
                boolean afterDot = !out.isEmpty() && out.get(out.size() - 1).is(".")
                        && out.get(out.size() - 1).end == start;
                out.add(new Token(!afterDot && KEYWORDS.contains(w) ? Kind.KEYWORD : Kind.IDENT, start, i, w));
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
                        || ((s.charAt(i) == '+' || s.charAt(i) == '-') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) i++;
                out.add(new Token(Kind.NUMBER, start, i, s.substring(start, i)));
            } else if ("{}[]().,;:".indexOf(c) >= 0) {
                if (c == ':' && i + 1 < n && s.charAt(i + 1) == '=') {
                    i += 2;
                    out.add(new Token(Kind.OPERATOR, start, i, ":="));
                } else {
                    i++;
                    out.add(new Token(Kind.PUNCT, start, i, String.valueOf(c)));
                }
            } else if ("=!<>+-*/%&|".indexOf(c) >= 0) {
                i++;
                if (i < n && s.charAt(i) == '=') i++;
                out.add(new Token(Kind.OPERATOR, start, i, s.substring(start, i)));
            } else {
                i++;
                out.add(new Token(Kind.OTHER, start, i, s.substring(start, i)));
            }
        }
        return out;
    }

    /** The identifier token at or just before offset, or null. */
    public static Token identAt(List<Token> tokens, int offset) {
        for (Token t : tokens) {
            if (t.start > offset) break;
            if ((t.kind == Kind.IDENT || t.kind == Kind.KEYWORD) && t.start <= offset && offset <= t.end) return t;
        }
        return null;
    }

    /** The token containing offset (start ≤ offset < end), or null. */
    public static Token at(List<Token> tokens, int offset) {
        for (Token t : tokens) {
            if (t.start > offset) break;
            if (offset < t.end) return t;
        }
        return null;
    }
}
