package dev.gkstudio.rego.parser;

/**
 * Token kinds produced by {@link Lexer}. Words are always {@link #IDENT}; the parser decides which words are
 * keywords (the keyword set changes with {@code import future.keywords...}). {@link #display()} is the name OPA
 * uses in "unexpected X token" messages.
 */
enum TokenKind {
    EOF("eof"), ILLEGAL("illegal"), IDENT("ident"), NUMBER("number"), STRING("string"),
    /** template string chunk ending in '{' (an expression follows). */
    TSTR_PART("template-string"),
    /** template string chunk ending the template string. */
    TSTR_END("template-string"),
    LBRACK("["), RBRACK("]"), LBRACE("{"), RBRACE("}"), LPAREN("("), RPAREN(")"),
    COMMA(","), COLON(":"), SEMI(";"), DOT("."),
    ASSIGN("assign"), UNIFY("eq"), EQUAL("equal"), NEQ("neq"), LT("lt"), LTE("lte"), GT("gt"), GTE("gte"),
    ADD("plus"), SUB("minus"), MUL("mul"), QUO("div"), REM("rem"), AMP("and"), PIPE("or");

    private final String display;

    TokenKind(String display) { this.display = display; }

    String display() { return display; }
}
