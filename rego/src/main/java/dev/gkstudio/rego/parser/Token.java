package dev.gkstudio.rego.parser;

/**
 * A lexed token.
 *
 * @param kind     kind
 * @param text     raw source text (for IDENT/NUMBER the literal; for strings the raw literal incl. quotes)
 * @param value    decoded value for STRING / template chunks (escapes resolved), else null
 * @param start    start char offset
 * @param end      end char offset (exclusive)
 * @param wsBefore whitespace or comment directly before this token
 * @param nlBefore a newline occurred since the previous token
 * @param error    scanner error message, or null
 * @param cont     for template chunks: this chunk continues after a '}' (not the opening chunk)
 * @param multi    for template chunks: backtick (multi-line) form; for STRING: raw string
 */
record Token(TokenKind kind, String text, String value, int start, int end, boolean wsBefore, boolean nlBefore,
             String error, boolean cont, boolean multi) {
}
