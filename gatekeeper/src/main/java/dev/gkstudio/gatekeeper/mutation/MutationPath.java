package dev.gkstudio.gatekeeper.mutation;

import java.util.ArrayList;
import java.util.List;

/**
 * A mutator {@code location} such as {@code spec.containers[name: *].image}: object fields separated by dots,
 * each optionally followed by a list selector {@code [key: value]} or {@code [key: *]}. Fields and values may be
 * quoted ({@code "a.b"}, {@code 'x'}) with backslash escapes; bare ones are letters, digits, {@code _} and
 * {@code -}. Errors read as Gatekeeper's path parser reports them.
 */
public record MutationPath(List<Node> nodes) {
    /** A path step. */
    public sealed interface Node permits Field, ListSelector {
    }

    /** An object field. */
    public record Field(String name) implements Node {
    }

    /** A keyed-list element: {@code keyValue} is null for the glob {@code *}. */
    public record ListSelector(String keyField, String keyValue) implements Node {
        public boolean glob() {
            return keyValue == null;
        }
    }

    public boolean isPrefixOf(MutationPath longer) {
        if (nodes.size() > longer.nodes.size()) return false;
        for (int i = 0; i < nodes.size(); i++) if (!nodes.get(i).equals(longer.nodes.get(i))) return false;
        return true;
    }

    public Node last() {
        return nodes.get(nodes.size() - 1);
    }

    public static MutationPath parse(String input) throws MutationException {
        return new Parser(input).parse();
    }

    private enum Type { IDENT, SEPARATOR, LBRACKET, RBRACKET, GLOB, COLON, EOF, ERROR }

    private record Token(Type type, String literal) {
        String describe() {
            return switch (type) {
                case EOF -> "EOF";
                case IDENT -> "IDENT: " + literal;
                case ERROR -> "ERROR: " + literal;
                default -> literal;
            };
        }
    }

    private static final class Scanner {
        private final String in;
        private int pos;

        Scanner(String in) {
            this.in = in;
        }

        Token next() throws MutationException {
            while (pos < in.length() && " \t\r\n".indexOf(in.charAt(pos)) >= 0) pos++;
            if (pos >= in.length()) return new Token(Type.EOF, "");
            char c = in.charAt(pos);
            switch (c) {
                case '.' -> { pos++; return new Token(Type.SEPARATOR, "."); }
                case '[' -> { pos++; return new Token(Type.LBRACKET, "["); }
                case ']' -> { pos++; return new Token(Type.RBRACKET, "]"); }
                case '*' -> { pos++; return new Token(Type.GLOB, "*"); }
                case ':' -> { pos++; return new Token(Type.COLON, ":"); }
                case '"', '\'' -> {
                    int start = pos;
                    StringBuilder sb = new StringBuilder();
                    pos++;
                    while (true) {
                        if (pos >= in.length()) {
                            throw new MutationException("error at position " + in.length() + ": unterminated string");
                        }
                        char d = in.charAt(pos++);
                        if (d == c) return new Token(Type.IDENT, sb.toString());
                        if (d == '\\') {
                            if (pos < in.length()) sb.append(in.charAt(pos++));
                            continue;
                        }
                        sb.append(d);
                    }
                }
                default -> {
                    if (identChar(c)) {
                        int start = pos;
                        while (pos < in.length() && identChar(in.charAt(pos))) pos++;
                        return new Token(Type.IDENT, in.substring(start, pos));
                    }
                    int at = pos;
                    pos++;
                    return new Token(Type.ERROR, String.valueOf(c) + "@" + at);
                }
            }
        }

        static boolean identChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }
    }

    private static final class Parser {
        private final Scanner scanner;
        private Token cur;
        private Token peek;

        Parser(String input) throws MutationException {
            scanner = new Scanner(input);
            cur = scanner.next();
            peek = scanner.next();
        }

        void next() throws MutationException {
            cur = peek;
            peek = scanner.next();
        }

        boolean expect(Type t) throws MutationException {
            if (peek.type == t) {
                next();
                return true;
            }
            return false;
        }

        MutationPath parse() throws MutationException {
            List<Node> nodes = new ArrayList<>();
            while (cur.type == Type.IDENT) {
                nodes.add(new Field(cur.literal));
                if (expect(Type.LBRACKET)) nodes.add(parseList());
                if (expect(Type.SEPARATOR)) {
                    if (peek.type == Type.EOF) throw new MutationException("trailing separators are forbidden");
                    next();
                } else if (!expect(Type.EOF)) {
                    throw new MutationException("expected '.' or eof, got: " + describe(peek));
                }
            }
            if (cur.type != Type.EOF) {
                throw new MutationException("unexpected token: expected field name or eof, got: " + describe(cur));
            }
            return new MutationPath(List.copyOf(nodes));
        }

        private Node parseList() throws MutationException {
            if (!expect(Type.IDENT)) throw new MutationException("expected keyField in listSpec, got: " + describe(peek));
            String key = cur.literal;
            if (!expect(Type.COLON)) {
                throw new MutationException("expected ':' following keyField " + key + ", got: " + describe(peek));
            }
            String value;
            if (expect(Type.GLOB)) {
                value = null;
            } else if (expect(Type.IDENT)) {
                value = cur.literal;
            } else {
                throw new MutationException("expected key value or glob in listSpec, got: " + describe(peek));
            }
            if (!expect(Type.RBRACKET)) throw new MutationException("expected ']' following listSpec, got: " + describe(peek));
            return new ListSelector(key, value);
        }

        private static String describe(Token t) {
            if (t.type == Type.ERROR) {
                String[] p = t.literal.split("@", 2);
                return "ERROR: invalid character " + p[0] + " at position " + p[1];
            }
            return t.describe();
        }
    }
}
