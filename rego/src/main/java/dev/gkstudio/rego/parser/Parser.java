package dev.gkstudio.rego.parser;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.Package;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent Rego parser (v0 and v1) over a pre-lexed token array. Mirrors the structure of OPA's parser
 * so that error messages and positions match; unlike OPA it recovers at statement boundaries and goes on to
 * report further errors. Never throws: all problems become {@link Diagnostic}s.
 */
final class Parser {
    static final int MAX_DEPTH = 1000;
    /**
     * Most parts of a package path or a rule head ref. Every prefix of a rule's path is a node of the rule tree
     * with its own path string: 100,000 parts (200 KB of text) ran the compiler out of memory.
     */
    static final int MAX_PATH_PARTS = 256;
    static final String DEPTH_MSG = "max parsing recursion depth exceeded";

    private static final Set<String> BASE_KEYWORDS = Set.of(
            "package", "import", "as", "default", "else", "not", "some", "with", "null", "true", "false");
    static final List<String> ALL_FUTURE = List.of("and", "contains", "every", "if", "in", "not", "or");
    static final Set<String> V1_KEYWORDS = Set.of("package", "import", "as", "default", "else", "not", "some",
            "with", "null", "true", "false", "in", "every", "contains", "if");

    final String file;
    final String src;
    final Token[] toks;
    final LineIndex li;
    final RegoVersion version;

    int p;
    final List<Diagnostic> errors = new ArrayList<>();
    private final List<String> hints = new ArrayList<>();
    int wildcard;
    private int depth;
    boolean aborted;
    private Diagnostic abortError;
    private int stmtErrBase;

    boolean kwIn, kwEvery, kwContains, kwIf, kwAnd, kwOr, kwNot;
    boolean regoV1Compat;

    private final Map<Integer, Object[]> termCache = new HashMap<>();
    /** per-rule syntax facts used for the v1 checks. */
    final Map<Rule, boolean[]> ruleFacts = new IdentityHashMap<>(); // {hasIf, hasContains, generatedBody}
    final List<Object> pendingV1 = new ArrayList<>();
    List<int[]> commentRanges;

    Parser(SourceFile sf, RegoVersion version) {
        this.file = sf.name();
        this.src = sf.text();
        this.version = version;
        Lexer lx = new Lexer(src);
        lx.run();
        this.toks = lx.tokens().toArray(new Token[0]);
        this.commentRanges = lx.commentRanges();
        this.li = new LineIndex(file, src);
        if (version == RegoVersion.V1) {
            kwIn = kwEvery = kwContains = kwIf = true;
        }
        if (toks[0].error() != null) error(tokLoc(toks[0]), toks[0].error());
    }

    // ------------------------------------------------------------------ infrastructure

    record State(int p, int errs, int wildcard, int hints) {}

    State save() { return new State(p, errors.size(), wildcard, hints.size()); }

    void restore(State s) {
        p = s.p;
        while (errors.size() > s.errs) errors.remove(errors.size() - 1);
        while (hints.size() > s.hints) hints.remove(hints.size() - 1);
        wildcard = s.wildcard;
    }

    Token t() { return toks[p]; }

    TokenKind k() { return toks[p].kind(); }

    Token peek(int i) { return toks[Math.min(p + i, toks.length - 1)]; }

    void next() {
        if (p < toks.length - 1) p++;
        Token t = toks[p];
        if (t.error() != null) error(tokLoc(t), t.error());
    }

    int lastEnd() { return p > 0 ? toks[p - 1].end() : 0; }

    Location tokLoc(Token t) { return li.loc(t.start(), t.end()); }

    Location curLoc() { return tokLoc(t()); }

    Location span(int start) {
        int e = Math.max(start, lastEnd());
        return li.loc(start, e);
    }

    boolean isActiveKeyword(String w) {
        if (BASE_KEYWORDS.contains(w)) return true;
        return switch (w) {
            case "in" -> kwIn;
            case "every" -> kwEvery;
            case "contains" -> kwContains;
            case "if" -> kwIf;
            case "and" -> kwAnd;
            case "or" -> kwOr;
            default -> false;
        };
    }

    boolean isKw(String w) {
        Token t = t();
        return t.kind() == TokenKind.IDENT && t.text().equals(w) && isActiveKeyword(w) && !refContNext();
    }

    /** current token is an identifier that is not an active keyword. */
    boolean isIdent() {
        Token t = t();
        return t.kind() == TokenKind.IDENT && !isActiveKeyword(t.text());
    }

    /** next token directly continues a ref ('.' or '[' without whitespace). */
    boolean refContNext() {
        Token n = peek(1);
        return (n.kind() == TokenKind.DOT || n.kind() == TokenKind.LBRACK) && !n.wsBefore();
    }

    /** current token is an active keyword used as a ref head ({@code if.foo}). */
    boolean keywordRefHead() {
        Token t = t();
        return t.kind() == TokenKind.IDENT && isActiveKeyword(t.text()) && refContNext();
    }

    void error(Location loc, String msg) {
        if (aborted) return;
        if (!hints.isEmpty()) {
            msg = msg + (hints.size() == 1 ? " (hint: " + hints.get(0) + ")" : " (hints: " + String.join(", ", hints) + ")");
            hints.clear();
        }
        errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, msg, loc));
    }

    void hint(String h) { hints.add(h); }

    String tokDisplay(Token t) {
        return switch (t.kind()) {
            case IDENT -> isActiveKeyword(t.text()) ? t.text() : "ident";
            default -> t.kind().display();
        };
    }

    void illegal(String note) {
        Token t = t();
        if (t.kind() == TokenKind.ILLEGAL) {
            error(curLoc(), "illegal token");
            return;
        }
        String tok = tokDisplay(t);
        String type = (ALL_FUTURE.contains(tok) || BASE_KEYWORDS.contains(tok)) ? "keyword" : "token";
        if (note != null && !note.isEmpty()) error(curLoc(), "unexpected " + tok + " " + type + ": " + note);
        else error(curLoc(), "unexpected " + tok + " " + type);
    }

    boolean enter() {
        if (aborted) return false;
        if (++depth > MAX_DEPTH) {
            depth--;
            abortError = new Diagnostic(ErrorCodes.PARSE_ERROR, DEPTH_MSG, curLoc());
            aborted = true;
            return false;
        }
        return true;
    }

    void leave() { depth--; }

    String genWildcard() { return "$" + (wildcard++); }

    Var varOf(Token t) {
        String name = t.text().equals("_") ? genWildcard() : t.text();
        return new Var(name, tokLoc(t));
    }

    List<Diagnostic> finishErrors() {
        List<Diagnostic> out = new ArrayList<>(errors);
        if (abortError != null) out.add(abortError);
        return out;
    }

    // ------------------------------------------------------------------ module

    Module parseModule() {
        List<Object> stmts = new ArrayList<>();
        while (k() != TokenKind.EOF && !aborted) {
            stmtErrBase = errors.size();
            State s = save();
            if (isKw("package") && !refContNext()) {
                Package pkg = parsePackage();
                if (pkg != null) { stmts.add(pkg); continue; }
                if (errors.size() > s.errs) { recover(s.p); continue; }
                restore(s);
            }
            if (isKw("import") && !refContNext()) {
                Import imp = parseImport();
                if (imp != null) { stmts.add(imp); continue; }
                if (errors.size() > s.errs) { recover(s.p); continue; }
                restore(s);
            }
            List<Rule> rules = parseRules();
            if (rules != null) { stmts.addAll(rules); continue; }
            if (errors.size() > s.errs || aborted) { recover(s.p); continue; }
            restore(s);
            Body b = parseQuery(true, TokenKind.EOF);
            if (b != null) { stmts.add(b); continue; }
            recover(s.p);
        }
        return buildModule(stmts);
    }

    /** skip to the next token starting a line at column 1 with a word (statement start). */
    private void recover(int from) {
        if (p <= from) p = from;
        if (p < toks.length - 1) p++;
        while (k() != TokenKind.EOF) {
            Token t = t();
            if (t.nlBefore() && t.kind() == TokenKind.IDENT && li.col(t.start(), li.line(t.start())) == 1) break;
            p++;
        }
    }

    private Module buildModule(List<Object> stmts) {
        List<Comment> comments = Lexer.toComments(src, commentRanges, li);
        Location modLoc = li.loc(0, src.length());
        Package pkg = null;
        List<Import> imports = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        List<Object> ordered = new ArrayList<>();
        if (stmts.isEmpty()) {
            if (errors.isEmpty() && abortError == null) errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, "empty module", new Location(file, 0, 0, 0, 0, 0, 0)));
        } else if (stmts.get(0) instanceof Package pk) {
            pkg = pk;
        } else if (errors.isEmpty()) {
            errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, "package expected", locOf(stmts.get(0))));
        }
        for (int i = (pkg != null ? 1 : 0); i < stmts.size(); i++) {
            Object st = stmts.get(i);
            if (st instanceof Import imp) {
                imports.add(imp);
                ordered.add(imp);
            } else if (st instanceof Rule r) {
                rules.add(r);
                ordered.add(r);
            } else if (st instanceof Body b) {
                Rule r = ruleFromBody(b);
                if (r != null) {
                    rules.add(r);
                    ordered.add(r);
                }
            } else if (st instanceof Package pk) {
                errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, "unexpected package", pk.location()));
            }
        }
        if (version == RegoVersion.V1 || regoV1Compat) {
            for (Rule r : rules) {
                for (Rule x = r; x != null; x = x.elseRule()) checkV1(x);
            }
        }
        if (pkg == null) pkg = new Package(Ref.of(Location.NONE, "data"), Location.NONE);
        List<Annotation> annots = new ArrayList<>();
        List<Rule> annotatedRules = AnnotationParser.attach(this, comments, pkg, rules, annots);
        return new Module(pkg, imports, annotatedRules, annots, comments, version, modLoc);
    }

    private Location locOf(Object st) {
        if (st instanceof Node n) return n.location();
        if (st instanceof Body b && !b.isEmpty()) return b.get(0).location();
        return Location.NONE;
    }

    private void checkV1(Rule r) {
        boolean[] f = ruleFacts.get(r);
        if (f == null) return;
        String t = r.head().args() != null ? "function" : "rule";
        if (f.length > 3 && f[2] && f[3]) {
            errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, t + " must have value assignment and/or body declaration", r.location()));
        }
        if (!f[2] && !f[0] && !r.isDefault()) {
            errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, "`if` keyword is required before " + t + " body", r.location()));
        }
        if (r.kind() == RuleKind.PARTIAL_SET && !f[1]) {
            errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, "`contains` keyword is required for partial set rules", r.location()));
        }
    }

    // ------------------------------------------------------------------ package / import

    private Package parsePackage() {
        int start = t().start();
        next();
        if (!(t().kind() == TokenKind.IDENT)) {
            illegal("");
            return null;
        }
        Term term = parseTermFinish(varOf(t()), t().start(), true);
        if (term == null) {
            if (errors.size() == stmtErrBase) error(curLoc(), "expected path");
            return null;
        }
        List<Term> path = new ArrayList<>();
        if (term instanceof Var v) {
            path.add(new Var("data", v.location()));
            path.add(Scalar.string(v.name(), v.location()));
        } else if (term instanceof Ref r) {
            if (!(r.get(0) instanceof Var first)) {
                error(r.get(0).location(), "unexpected " + valueName(r.get(0)) + " token: expecting var");
                return null;
            }
            path.add(new Var("data", first.location()));
            path.add(Scalar.string(first.name(), first.location()));
            for (int i = 1; i < r.size(); i++) {
                if (r.get(i) instanceof Scalar s && s.isString()) path.add(s);
                else {
                    error(r.get(i).location(), "unexpected " + valueName(r.get(i)) + " token: expecting string");
                    return null;
                }
            }
        } else {
            illegal("");
            return null;
        }
        if (path.size() > MAX_PATH_PARTS) {
            error(term.location(), "package path too long: more than " + MAX_PATH_PARTS + " parts");
            return null;
        }
        Location loc = span(start);
        return new Package(new Ref(path, term.location()), loc);
    }

    private Import parseImport() {
        int start = t().start();
        next();
        if (t().kind() != TokenKind.IDENT) {
            illegal("");
            return null;
        }
        boolean[] saved = {kwIn, kwEvery, kwContains, kwIf, kwAnd, kwOr};
        kwIn = kwEvery = kwContains = kwIf = kwAnd = kwOr = false;
        Term term = parseTermFinish(varOf(t()), t().start(), true);
        kwIn = saved[0]; kwEvery = saved[1]; kwContains = saved[2]; kwIf = saved[3]; kwAnd = saved[4]; kwOr = saved[5];
        Ref path = null;
        if (term instanceof Var v) path = new Ref(List.of(v), v.location());
        else if (term instanceof Ref r) {
            for (int i = 1; i < r.size(); i++) {
                if (!(r.get(i) instanceof Scalar s && s.isString())) {
                    error(r.get(i).location(), "unexpected " + valueName(r.get(i)) + " token: expecting string");
                    return null;
                }
            }
            if (!(r.get(0) instanceof Var)) path = null;
            else path = r;
        }
        if (path == null) {
            error(curLoc(), "expected path");
            return null;
        }
        String root = path.head().name();
        if (!(root.equals("data") || root.equals("input") || root.equals("future") || root.equals("rego"))) {
            hint("if this is unexpected, try updating OPA");
            error(path.location(), "unexpected import path, must begin with one of: {data, future, input, rego}, got: " + root);
            return null;
        }
        String alias = null;
        if (isKw("as")) {
            next();
            if (t().kind() != TokenKind.IDENT) {
                illegal("expected var");
                return null;
            }
            Term a = parseTerm();
            if (a instanceof Var av) alias = av.name();
            else {
                illegal("expected var");
                return null;
            }
        } else {
            RegoVersion ev = (version == RegoVersion.V1) ? RegoVersion.V1 : RegoVersion.V0;
            if (path.size() == 1) {
                String name = path.head().name();
                if (isKeywordIn(name, ev)) {
                    hint("import a different path or use an alias");
                    error(path.head().location(), "unexpected import path, must not end with a keyword, got: " + name);
                }
            } else if (!root.equals("future")) {
                Term last = path.get(path.size() - 1);
                String name = ((Scalar) last).stringValue();
                if (isKeywordIn(name, ev)) {
                    hint("import a different path or use an alias");
                    error(last.location(), "unexpected import path, must not end with a keyword, got: " + name);
                }
            }
        }
        Import imp = new Import(path, alias, span(start));
        if (root.equals("rego")) regoV1Import(imp);
        if (root.equals("future")) futureImport(imp);
        return imp;
    }

    static boolean isKeywordIn(String name, RegoVersion v) {
        if (v == RegoVersion.V1) return V1_KEYWORDS.contains(name);
        return BASE_KEYWORDS.contains(name);
    }

    private void futureImport(Import imp) {
        Ref path = imp.path();
        if (path.size() == 1 || !(path.get(1) instanceof Scalar s && "keywords".equals(s.value()))) {
            error(path.location(), "invalid import, must be `future.keywords`");
            return;
        }
        if (imp.alias() != null) {
            error(path.location(), "`future` imports cannot be aliased");
            return;
        }
        if (path.size() == 2) {
            for (String kw : ALL_FUTURE) enableKeyword(kw);
            return;
        }
        if (path.size() > 3 || !(path.get(2) instanceof Scalar kw && kw.isString())) {
            error(path.location(), "invalid import, must be `future.keywords.x`, e.g. `import future.keywords.in`");
            return;
        }
        String kwName = ((Scalar) path.get(2)).stringValue();
        if (!ALL_FUTURE.contains(kwName)) {
            error(path.location(), "unexpected keyword, must be one of " + "[" + String.join(" ", ALL_FUTURE) + "]");
            return;
        }
        enableKeyword(kwName);
    }

    private void enableKeyword(String kw) {
        switch (kw) {
            case "in" -> kwIn = true;
            case "every" -> { kwEvery = true; kwIn = true; }
            case "contains" -> kwContains = true;
            case "if" -> kwIf = true;
            case "and" -> kwAnd = true;
            case "or" -> kwOr = true;
            case "not" -> kwNot = true;
            default -> { }
        }
    }

    private void regoV1Import(Import imp) {
        Ref path = imp.path();
        if (path.size() != 2 || !(path.get(1) instanceof Scalar s && "v1".equals(s.value()))) {
            error(path.location(), "invalid import `" + path + "`, must be `rego.v1`");
            return;
        }
        if (version == RegoVersion.V1) return;
        if (imp.alias() != null) {
            error(path.location(), "`rego` imports cannot be aliased");
            return;
        }
        regoV1Compat = true;
        kwIn = kwEvery = kwContains = kwIf = true;
    }

    // ------------------------------------------------------------------ rules

    private record HeadResult(Ref ref, List<Term> args, Term key, Term value, boolean assign, boolean contains,
                              boolean generatedValue, int start) {}

    private List<Rule> parseRules() {
        int start = t().start();
        boolean isDefault = false;
        if (isKw("default") && !refContNext()) {
            next();
            isDefault = true;
        }
        if (!(isIdent() || keywordRefHead())) return null;
        HeadResult h = parseHead(isDefault);
        if (h == null) return null;
        Ref ref = h.ref;
        Term key = h.key;
        Term value = h.value;
        boolean generatedValue = h.generatedValue;

        if (isDefault) {
            Location rl = span(start);
            if (!validateDefault(h, li.loc(start, start + 7))) return null;
            if (value == null) {
                value = Scalar.bool(true, span(h.start));
            }
            RuleHead head = makeHead(ref, h.args, key, value, h.assign, span(h.start));
            Body body = new Body(List.of(genTrue(rl)), rl);
            Rule r = new Rule(head, body, true, null, List.of(), rl);
            ruleFacts.put(r, new boolean[]{false, h.contains, true});
            return List.of(r);
        }

        boolean hasIf = isKw("if");
        if (hasIf && !h.contains && ref.size() == 2) {
            Term v = ref.get(1);
            if ((!v.isGround() || v instanceof Ref) && h.args == null) key = v;
            if (value == null) {
                generatedValue = true;
                value = Scalar.bool(true, span(h.start));
            }
        }
        if (!hasIf && !h.contains && h.args == null && ref.size() == 2) {
            key = ref.get(1);
            if (value == null) ref = ref.prefix(1);
        }
        Location headLoc = li.loc(h.start, headEnd);
        Body body;
        boolean generatedBody = false;
        if (hasIf) {
            next();
            State s = save();
            Expr e = parseLiteral();
            if (e != null && !(e.terms() instanceof SetTerm)) {
                body = new Body(List.of(e), e.location());
            } else {
                restore(s);
                if (k() != TokenKind.LBRACE) {
                    parseLiteral();
                    if (errors.size() == s.errs()) illegal("");
                    return null;
                }
                next();
                body = parseBody(TokenKind.RBRACE);
                if (body == null) return null;
                next();
            }
        } else if (k() == TokenKind.LBRACE) {
            next();
            body = parseBody(TokenKind.RBRACE);
            if (body == null) return null;
            next();
        } else if (h.contains) {
            Location rl = headLoc;
            RuleHead head = makeHead(ref, h.args, key, null, false, headLoc);
            Rule r = new Rule(head, new Body(List.of(genTrue(rl)), rl), false, null, List.of(), rl);
            ruleFacts.put(r, new boolean[]{false, true, true});
            return List.of(r);
        } else if (headAfterWs && h.value() != null && !h.generatedValue() && (k() == TokenKind.EOF || t().nlBefore())) {
            // a body-less rule like `add2 (a, b) := a + b`: re-read as a query (ruleFromBody), the whitespace
            // would end the name, but OPA's parseHeadFinish has already accepted it as part of the head
            Rule r = constRule(h.ref(), h.args(), h.value(), h.assign(), span(start));
            ruleFacts.put(r, new boolean[]{false, false, true});
            return List.of(r);
        } else {
            return null;
        }
        if (h.contains) value = null;
        RuleHead head = makeHead(ref, h.args, key, value, h.assign, headLoc);

        Rule elseRule = null;
        if (isKw("else") && !refContNext()) {
            if (ref.size() > 1 && !ref.isGroundPath()) {
                error(curLoc(), "else keyword cannot be used on rules with variables in head");
                return null;
            }
            if (head.kind() == RuleKind.PARTIAL_SET) {
                error(curLoc(), "else keyword cannot be used on multi-value rules");
                return null;
            }
            elseRule = parseElse(head);
            if (elseRule == null) return null;
        }
        Rule first = new Rule(head, body, false, elseRule, List.of(), span(start));
        ruleFacts.put(first, new boolean[]{hasIf, h.contains, generatedBody});
        List<Rule> rules = new ArrayList<>();
        rules.add(first);
        while (k() == TokenKind.LBRACE) {
            if (elseRule != null) {
                error(curLoc(), "expected else keyword");
                return null;
            }
            int bs = t().start();
            next();
            Body b = parseBody(TokenKind.RBRACE);
            if (b == null) return null;
            next();
            Location bl = span(bs);
            RuleHead nh = head;
            if (head.args() != null) {
                List<Term> args = new ArrayList<>();
                for (Term a : head.args()) args.add(a instanceof Var v && v.isWildcard() ? new Var(genWildcard(), v.location()) : a);
                nh = head.withArgs(args);
            }
            Rule r = new Rule(nh, b, false, null, List.of(), bl);
            ruleFacts.put(r, new boolean[]{hasIf, h.contains, false});
            rules.add(r);
        }
        return rules;
    }

    private int headEnd;
    /** the rule head being parsed continued after whitespace (`add2 (a, b)`), which only a head allows */
    private boolean headAfterWs;

    private Expr genTrue(Location loc) {
        return new Expr(0, false, Scalar.bool(true, loc), List.of(), true, loc);
    }

    private boolean validateDefault(HeadResult h, Location ruleLoc) {
        Location loc = ruleLoc;
        if (h.value != null) {
            String bad = firstNonGround(h.value);
            if (bad != null) {
                error(loc, "illegal default rule (value cannot contain " + bad + ")");
                return false;
            }
        }
        if (h.args != null) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Term a : h.args) {
                if (a instanceof Var v) {
                    if (!seen.add(v.name())) {
                        error(loc, "illegal default rule (arguments cannot be repeated " + v.name() + ")");
                        return false;
                    }
                } else {
                    error(loc, "illegal default rule (arguments cannot contain " + valueName(a) + ")");
                    return false;
                }
            }
        }
        return true;
    }

    private static String firstNonGround(Term t) {
        if (t instanceof Var) return "var";
        if (t instanceof Ref) return "ref";
        if (t instanceof Call) return "call";
        if (t instanceof TemplateString) return "templatestring";
        if (t instanceof ArrayTerm a) { for (Term x : a.elements()) { String s = firstNonGround(x); if (s != null) return s; } }
        if (t instanceof SetTerm a) { for (Term x : a.elements()) { String s = firstNonGround(x); if (s != null) return s; } }
        if (t instanceof ObjectTerm o) {
            for (var e : o.entries()) {
                String s = firstNonGround(e.getKey());
                if (s == null) s = firstNonGround(e.getValue());
                if (s != null) return s;
            }
        }
        return null;
    }

    static RuleHead makeHead(Ref ref, List<Term> args, Term key, Term value, boolean assign, Location loc) {
        RuleKind kind;
        if (args != null) kind = RuleKind.FUNCTION;
        else if (key != null && value == null) kind = RuleKind.PARTIAL_SET;
        else if (!ref.isGroundPath()) {
            kind = RuleKind.PARTIAL_OBJECT;
            if (key == null) key = ref.get(ref.size() - 1);
        } else kind = RuleKind.COMPLETE;
        if (kind == RuleKind.COMPLETE) key = null;
        String name = ref.get(0) instanceof Var v ? v.name() : "";
        return new RuleHead(ref, name, args, key, value, assign, kind, loc);
    }

    private HeadResult parseHead(boolean isDefault) {
        int hs = t().start();
        Var v = varOf(t());
        next();
        // parseHeadFinish: an operator directly after the name is illegal
        Token cur = t();
        if (!cur.wsBefore()) {
            switch (cur.kind()) {
                case ADD, SUB, MUL, QUO, REM, AMP, PIPE, EQUAL, NEQ, GT, GTE, LT, LTE -> illegal("");
                default -> { }
            }
        }
        Term term;
        headAfterWs = cur.wsBefore() && (k() == TokenKind.LPAREN || k() == TokenKind.DOT || k() == TokenKind.LBRACK);
        if (k() == TokenKind.LPAREN || k() == TokenKind.DOT || k() == TokenKind.LBRACK) {
            // OPA's parseHeadFinish skips whitespace after the rule name (`add2 (a, b) := c`), unlike calls and
            // refs in bodies; only the first operator may follow whitespace
            term = parseRef(v, hs, true);
            if (term == null) {
                illegal("expected rule head name");
                return null;
            }
        } else if (v.name().equals("data") || v.name().equals("input")) {
            term = new Ref(List.of(v), v.location());
        } else term = v;
        Ref ref;
        List<Term> args = null;
        if (term instanceof Var tv) ref = new Ref(List.of(tv), tv.location());
        else if (term instanceof Ref r) ref = r;
        else if (term instanceof Call c) {
            Ref op = c.operator();
            if (!(op.get(0) instanceof Var)) {
                illegal("rule head ref " + op + " invalid");
                return null;
            }
            ref = op;
            args = c.args();
        } else return null;
        if (ref.size() > MAX_PATH_PARTS) {
            error(ref.location(), "rule head ref too long: more than " + MAX_PATH_PARTS + " parts");
            return null;
        }
        String name = ref.toString();
        Term key = null, value = null;
        boolean assign = false, contains = false;
        if (isKw("contains")) {
            if (args != null) illegal("the contains keyword can only be used with multi-value rule definitions (e.g., " + name + " contains <VALUE> { ... })");
            next();
            key = parseTermInfixCall();
            if (key == null) illegal("expected rule key term (e.g., " + name + " contains <VALUE> { ... })");
            contains = true;
            headEnd = lastEnd();
            return key == null ? null : new HeadResult(ref, args, key, null, false, true, false, hs);
        } else if (k() == TokenKind.UNIFY) {
            next();
            value = parseTermInfixCall();
            if (value == null) {
                illegal("expected rule value term (e.g., " + name + "[" + "<nil>" + "] = <VALUE> { ... })");
                return null;
            }
        } else if (k() == TokenKind.ASSIGN) {
            next();
            assign = true;
            value = parseTermInfixCall();
            if (value == null) {
                if (args != null) illegal("expected function value term (e.g., " + name + "(...) := <VALUE> { ... })");
                else if (isDefault) illegal("expected default rule value term (e.g., default " + name + " := <VALUE>)");
                else illegal("expected rule value term (e.g., " + name + " := <VALUE> { ... })");
                return null;
            }
        }
        boolean gen = false;
        if (value == null && key == null) {
            if (ref.size() != 2 || args != null) {
                gen = true;
                value = Scalar.bool(true, li.loc(hs, lastEnd()));
            }
        }
        headEnd = lastEnd();
        return new HeadResult(ref, args, key, value, assign, contains, gen, hs);
    }

    private Rule parseElse(RuleHead head) {
        int start = t().start();
        next();
        Term value;
        boolean assign = false;
        if (k() == TokenKind.LBRACE || isKw("if")) {
            value = Scalar.bool(true, li.loc(start, start + 4));
        } else if (k() == TokenKind.ASSIGN || k() == TokenKind.UNIFY) {
            assign = k() == TokenKind.ASSIGN;
            next();
            value = parseTermInfixCall();
            if (value == null) return null;
        } else {
            illegal("expected else value term or rule body");
            return null;
        }
        List<Term> args = head.args();
        if (args != null) {
            List<Term> na = new ArrayList<>();
            for (Term a : args) na.add(a instanceof Var v && v.isWildcard() ? new Var(genWildcard(), v.location()) : a);
            args = na;
        }
        Location headLoc = span(start);
        RuleHead eh = new RuleHead(head.ref(), head.name(), args, head.key(), value, assign, head.kind(), headLoc);
        boolean hasIf = isKw("if");
        boolean hasBrace = k() == TokenKind.LBRACE;
        if (!hasIf && !hasBrace) {
            Location rl = span(start);
            Rule r = new Rule(eh, new Body(List.of(genTrue(rl)), rl), false, null, List.of(), rl);
            ruleFacts.put(r, new boolean[]{false, false, true});
            return r;
        }
        if (hasIf) next();
        Body body;
        if (k() == TokenKind.LBRACE) {
            next();
            body = parseBody(TokenKind.RBRACE);
            if (body == null) return null;
            next();
        } else if (k() != TokenKind.EOF) {
            Expr e = parseLiteral();
            if (e == null) return null;
            body = new Body(List.of(e), e.location());
        } else {
            illegal("rule body expected");
            return null;
        }
        Rule next = null;
        if (isKw("else") && !refContNext()) {
            next = parseElse(head);
            if (next == null) return null;
        }
        Rule r = new Rule(eh, body, false, next, List.of(), span(start));
        ruleFacts.put(r, new boolean[]{hasIf, false, false});
        return r;
    }

    /** OPA's ParseRuleFromBody for top-level statements like {@code p = 1} or {@code p[x]}. */
    private Rule ruleFromBody(Body b) {
        Location loc = b.get(0).location();
        if (b.size() != 1) {
            errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, "multiple expressions cannot be used for rule head", loc));
            return null;
        }
        Expr e = b.get(0);
        String err = null;
        Rule r = null;
        if (!e.withs().isEmpty()) err = "expressions using with keyword cannot be used for rule head";
        else if (e.negated()) err = "negated expressions cannot be used for rule head";
        else if (e.terms() instanceof SomeDecl) err = "some declarations cannot be used for rule head";
        else if (e.terms() instanceof Every || e.terms() instanceof LogicalExpr || e.terms() instanceof Body)
            err = "expression cannot be used for rule head";
        else if (e.terms() instanceof Call c && (c.name().equals("eq") || c.name().equals("assign")) && c.args().size() == 2) {
            Term lhs = c.args().get(0), rhs = c.args().get(1);
            boolean assign = c.name().equals("assign");
            if (lhs instanceof Var v) {
                r = constRule(new Ref(List.of(v), v.location()), null, rhs, assign, loc);
            } else if (lhs instanceof Ref ref && ref.get(0) instanceof Var) {
                r = constRule(ref, null, rhs, assign, loc);
            } else if (lhs instanceof Call fc && fc.operator().get(0) instanceof Var) {
                r = constRule(fc.operator(), fc.args(), rhs, assign, loc);
            } else {
                err = valueName(lhs) + " cannot be used for rule name";
            }
        } else if (e.terms() instanceof Call c) {
            if (c.args().isEmpty()) err = "rule argument list must take at least one argument";
            else r = constRule(c.operator(), c.args(), Scalar.bool(true, loc), false, loc);
        } else if (e.terms() instanceof Ref ref) {
            if (ref.size() == 1 || !(ref.get(0) instanceof Var)) {
                err = valueName(ref.get(0)) + "s cannot be used for rule head";
            } else if (ref.size() == 2) {
                RuleHead head = makeHead(ref.prefix(1), null, ref.get(1), null, false, loc);
                r = new Rule(head, new Body(List.of(genTrue(loc)), loc), false, null, List.of(), loc);
            } else {
                r = constRule(ref, null, Scalar.bool(true, loc), false, loc);
                // a bare `a.b.c` has neither a value nor a body of its own (OPA's generatedValue)
                ruleFacts.put(r, new boolean[]{false, false, true, true});
                return r;
            }
        } else if (e.terms() instanceof Term term) {
            err = valueName(term) + " cannot be used for rule name";
        }
        if (err != null) {
            errors.add(new Diagnostic(ErrorCodes.PARSE_ERROR, err, loc));
            return null;
        }
        ruleFacts.put(r, new boolean[]{false, false, true});
        return r;
    }

    private Rule constRule(Ref ref, List<Term> args, Term value, boolean assign, Location loc) {
        Term key = null;
        if (args == null && ref.size() == 2 && !ref.get(1).isGround()) key = ref.get(1);
        RuleHead head = makeHead(ref, args, key, value, assign, loc);
        return new Rule(head, new Body(List.of(genTrue(loc)), loc), false, null, List.of(), loc);
    }

    // ------------------------------------------------------------------ bodies and expressions

    Body parseBody(TokenKind end) {
        if (!enter()) return null;
        try {
            return parseQuery(false, end);
        } finally {
            leave();
        }
    }

    Body parseQuery(boolean requireSemi, TokenKind end) {
        int start = t().start();
        List<Expr> exprs = new ArrayList<>();
        if (k() == end) {
            error(curLoc(), "found empty body");
            return null;
        }
        while (true) {
            Expr e = parseLiteral();
            if (e == null) return null;
            exprs.add(e.withIndex(exprs.size()));
            if (k() == TokenKind.SEMI) {
                next();
                continue;
            }
            if (k() == end || requireSemi) return new Body(exprs, span(start));
            if (!t().nlBefore()) {
                if (errors.size() == stmtErrBase) illegal("expected \\n or ; or " + end.display());
                return null;
            }
        }
    }

    /** A literal: logical or-chain of operands, with trailing {@code with} modifiers. */
    Expr parseLiteral() {
        if (!enter()) return null;
        try {
            int start = t().start();
            Operand first = parseAndChain(false);
            if (first == null) return null;
            if (!isKw("or") || !kwOr) return finishOperand(first, start);
            List<Operand> ops = new ArrayList<>();
            ops.add(first);
            while (kwOr && isKw("or")) {
                if (!checkOperand(ops.get(ops.size() - 1), "or")) return null;
                next();
                Operand o = parseAndChain(true);
                if (o == null) return null;
                ops.add(o);
            }
            return buildLogical(LogicalExpr.Op.OR, ops, start);
        } finally {
            leave();
        }
    }

    /** Operand of and/or: either an explicit body or a single expression. */
    private record Operand(Body body, Expr expr, int start) {}

    private Expr finishOperand(Operand o, int start) {
        if (o.expr != null) return o.expr;
        // explicit body standing alone is not an expression
        error(li.loc(o.start, o.start + 1), "unexpected { token");
        return null;
    }

    private boolean checkOperand(Operand o, String kw) {
        if (o.expr != null && !o.expr.withs().isEmpty()) {
            error(curLoc(), "`with` modifier is not allowed on operand of `" + kw + "`");
            return false;
        }
        if (o.expr != null && (o.expr.terms() instanceof SomeDecl || o.expr.terms() instanceof Every)) {
            illegal("");
            return false;
        }
        return true;
    }

    private Operand parseAndChain(boolean rhsPosition) {
        Operand first = parseOperand(rhsPosition);
        if (first == null) return null;
        if (!kwAnd || !isKw("and")) return first;
        List<Operand> ops = new ArrayList<>();
        ops.add(first);
        while (kwAnd && isKw("and")) {
            if (!checkOperand(ops.get(ops.size() - 1), "and")) return null;
            next();
            Operand o = parseOperand(true);
            if (o == null) return null;
            ops.add(o);
        }
        Expr e = buildLogical(LogicalExpr.Op.AND, ops, first.start);
        return e == null ? null : new Operand(null, e, first.start);
    }

    private Expr buildLogical(LogicalExpr.Op op, List<Operand> ops, int start) {
        List<Body> bodies = new ArrayList<>();
        List<With> hoisted = List.of();
        for (int i = 0; i < ops.size(); i++) {
            Operand o = ops.get(i);
            if (o.body != null) bodies.add(o.body);
            else {
                Expr e = o.expr;
                if (i == ops.size() - 1 && !e.withs().isEmpty()) {
                    hoisted = e.withs();
                    e = e.withWiths(List.of());
                }
                if (e.terms() instanceof SomeDecl || e.terms() instanceof Every) {
                    illegal("");
                    return null;
                }
                bodies.add(new Body(List.of(e.withIndex(0)), e.location()));
            }
        }
        Location loc = span(start);
        LogicalExpr le = new LogicalExpr(op, bodies, loc);
        return new Expr(0, false, le, hoisted, false, loc);
    }

    private Operand parseOperand(boolean rhsPosition) {
        int start = t().start();
        if (k() == TokenKind.LBRACE && (kwAnd || kwOr)) {
            State s = save();
            next();
            Body b = parseBody(TokenKind.RBRACE);
            if (b != null && k() == TokenKind.RBRACE) {
                next();
                if (rhsPosition || (kwAnd && isKw("and")) || (kwOr && isKw("or"))) {
                    return new Operand(new Body(b.exprs(), span(start)), null, start);
                }
            }
            restore(s);
        }
        if (k() == TokenKind.LPAREN && (kwAnd || kwOr)) {
            State s = save();
            next();
            Expr g = parseLiteral();
            if (g != null && (g.terms() instanceof LogicalExpr || !g.withs().isEmpty()) && k() == TokenKind.RPAREN) {
                next();
                if (!g.withs().isEmpty()) {
                    if (rhsPosition || (kwAnd && isKw("and")) || (kwOr && isKw("or"))) {
                        return new Operand(new Body(List.of(g.withIndex(0)), span(start)), null, start);
                    }
                    return new Operand(null, new Expr(0, false, g.terms(), g.withs(), false, span(start)), start);
                }
                return new Operand(null, new Expr(0, false, g.terms(), g.withs(), false, span(start)), start);
            }
            restore(s);
        }
        Expr e = parseUnary();
        return e == null ? null : new Operand(null, e, start);
    }

    /** OPA's parseLiteral without and/or: refs starting with keywords, not, some, every, plain expressions. */
    private Expr parseUnary() {
        int start = t().start();
        if (keywordRefHead()) {
            return parseLiteralExpr(false, start);
        }
        boolean negated = false;
        if (isKw("not") && !refContNext()) {
            next();
            negated = true;
            if (kwNot && k() == TokenKind.LBRACE) {
                State s = save();
                next();
                Body b = parseBody(TokenKind.RBRACE);
                if (b != null && k() == TokenKind.RBRACE) {
                    next();
                    Body nb = new Body(b.exprs(), b.location());
                    Expr e = new Expr(0, true, nb, List.of(), false, span(start));
                    if (isKw("with")) {
                        List<With> w = parseWith();
                        if (w == null) return null;
                        e = new Expr(0, true, nb, w, false, span(start));
                    }
                    return e;
                }
                restore(s);
            }
        }
        if (negated && k() == TokenKind.LPAREN && (kwAnd || kwOr)) {
            State s = save();
            next();
            Expr g = parseLiteral();
            if (g != null && g.terms() instanceof LogicalExpr && k() == TokenKind.RPAREN) {
                next();
                Body nb = new Body(List.of(g.withIndex(0)), g.location());
                Expr e = new Expr(0, true, nb, List.of(), false, span(start));
                if (isKw("with")) {
                    List<With> w = parseWith();
                    if (w == null) return null;
                    e = e.withWiths(w);
                }
                return e;
            }
            restore(s);
        }
        if (isKw("some")) {
            if (negated) {
                illegal("illegal negation of 'some'");
                return null;
            }
            return parseSome(start);
        }
        if (isKw("every")) {
            if (negated) {
                illegal("illegal negation of 'every'");
                return null;
            }
            return parseEvery(start);
        }
        return parseLiteralExpr(negated, start);
    }

    private Expr parseLiteralExpr(boolean negated, int start) {
        Expr e = parseExpr(start);
        if (e == null) return null;
        e = e.withNegated(negated);
        if (isKw("with")) {
            List<With> w = parseWith();
            if (w == null) return null;
            e = e.withWiths(w);
        }
        return new Expr(0, e.negated(), e.terms(), e.withs(), false, span(start));
    }

    private List<With> parseWith() {
        List<With> out = new ArrayList<>();
        while (true) {
            int ws = t().start();
            next();
            if (t().kind() != TokenKind.IDENT) {
                illegal("expected ident");
                return null;
            }
            Term target = parseTerm();
            if (target == null) return null;
            if (target instanceof Var v) target = new Ref(List.of(v), v.location());
            else if (!(target instanceof Ref)) illegal("expected with target path");
            if (!isKw("as")) {
                illegal("expected as keyword");
                return null;
            }
            next();
            Term value = parseTermInfixCall();
            if (value == null) return null;
            out.add(new With(target, value, span(ws)));
            if (!isKw("with")) break;
        }
        return out;
    }

    private Expr parseSome(int start) {
        State s = save();
        next();
        Term term = parseTermInfixCall();
        if (term instanceof Call c) {
            String n = c.name();
            if (n.equals("internal.member_2") || n.equals("internal.member_3")) {
                SomeDecl d = new SomeDecl(List.of(term), span(start));
                Expr e = new Expr(0, false, d, List.of(), false, span(start));
                if (isKw("with")) {
                    List<With> w = parseWith();
                    if (w == null) return null;
                    e = e.withWiths(w);
                }
                return e;
            }
            illegal("expected `x in xs` or `x, y in xs` expression");
            return null;
        }
        restore(s);
        if (!kwIn) {
            // hint if it would parse with the 'in' keyword
            State s2 = save();
            boolean prev = kwIn;
            kwIn = true;
            next();
            Term ft = parseTermInfixCall();
            kwIn = prev;
            boolean h = ft instanceof Call c && (c.name().equals("internal.member_2") || c.name().equals("internal.member_3"));
            restore(s2);
            if (h) hint("`import future.keywords.in` for `some x in xs` expressions");
        }
        List<Term> syms = new ArrayList<>();
        while (true) {
            next();
            if (!isIdent()) {
                illegal("expected var");
                return null;
            }
            syms.add(varOf(t()));
            next();
            if (k() != TokenKind.COMMA) break;
        }
        SomeDecl d = new SomeDecl(syms, span(start));
        return new Expr(0, false, d, List.of(), false, span(start));
    }

    private Expr parseEvery(int start) {
        next();
        Term term = parseTermInfixCall();
        if (term == null) return null;
        if (!(term instanceof Call c)) {
            illegal("expected `x[, y] in xs { ... }` expression");
            return null;
        }
        Term key = null, value, domain;
        switch (c.name()) {
            case "internal.member_2" -> {
                value = c.args().get(0);
                domain = c.args().get(1);
            }
            case "internal.member_3" -> {
                key = c.args().get(0);
                value = c.args().get(1);
                domain = c.args().get(2);
                if (!(key instanceof Var)) {
                    illegal("expected key to be a variable");
                    return null;
                }
            }
            default -> {
                illegal("expected `x[, y] in xs { ... }` expression");
                return null;
            }
        }
        if (!(value instanceof Var)) {
            illegal("expected value to be a variable");
            return null;
        }
        if (k() == TokenKind.LBRACE) {
            next();
            Body body = parseBody(TokenKind.RBRACE);
            if (body == null) return null;
            next();
            Every ev = new Every(key, value, domain, body, span(start));
            Expr e = new Expr(0, false, ev, List.of(), false, span(start));
            if (isKw("with")) {
                List<With> w = parseWith();
                if (w == null) return null;
                e = e.withWiths(w);
            }
            return e;
        }
        illegal("missing body");
        return null;
    }

    private Expr parseExpr(int start) {
        Term lhs = parseTermInfixCall();
        if (lhs == null) return null;
        if (k() == TokenKind.ASSIGN || k() == TokenKind.UNIFY) {
            Ref op = opRef(k() == TokenKind.ASSIGN ? "assign" : "eq");
            next();
            Term rhs = parseTermInfixCall();
            if (rhs == null) return null;
            Location loc = span(start);
            return new Expr(0, false, new Call(op, List.of(lhs, rhs), loc), List.of(), false, loc);
        }
        return new Expr(0, false, lhs, List.of(), false, span(start));
    }

    private Ref opRef(String name) {
        Location loc = curLoc();
        return Ref.ofDotted(name, loc);
    }

    // ------------------------------------------------------------------ infix terms
    // Operator chains (1 + 1 + ... or a | b | ...) build left-nested calls as deep as the chain is long: each link
    // counts against MAX_DEPTH like a bracket, so that the compiler's recursive walks never see a deeper tree.

    Term parseTermInfixCall() {
        if (!enter()) return null;
        try {
            return parseTermIn(null, true, t().start());
        } finally {
            leave();
        }
    }

    Term parseTermInfixCallInList() {
        if (!enter()) return null;
        try {
            return parseTermIn(null, false, t().start());
        } finally {
            leave();
        }
    }

    private Term parseTermIn(Term lhs, boolean keyVal, int start) {
        int chain = depth;
        try {
            return parseTermInChain(lhs, keyVal, start);
        } finally {
            depth = chain;
        }
    }

    private Term parseTermInChain(Term lhs, boolean keyVal, int start) {
        if (lhs == null) lhs = parseTermRelation(null, start);
        while (lhs != null) {
            if (keyVal && k() == TokenKind.COMMA && kwIn) {
                State s = save();
                next();
                Term mhs = parseTermRelation(null, t().start());
                if (mhs != null && isKw("in") && !refContNext()) {
                    Ref op = opRef("internal.member_3");
                    next();
                    Term rhs = parseTermRelation(null, t().start());
                    if (rhs != null) {
                        lhs = new Call(op, List.of(lhs, mhs, rhs), span(start));
                        if (isKw("in")) {
                            if (!enter()) return null;
                            continue;
                        }
                        return lhs;
                    }
                }
                restore(s);
            }
            if (isKw("in") && !refContNext()) {
                Ref op = opRef("internal.member_2");
                next();
                Term rhs = parseTermRelation(null, t().start());
                if (rhs == null) return null;
                lhs = new Call(op, List.of(lhs, rhs), span(start));
                if (isKw("in")) {
                    // a chain nests like brackets: count it against the depth limit
                    if (!enter()) return null;
                    continue;
                }
                return lhs;
            }
            return lhs;
        }
        return null;
    }

    private static String relOp(TokenKind k) {
        return switch (k) {
            case EQUAL -> "equal";
            case NEQ -> "neq";
            case LT -> "lt";
            case GT -> "gt";
            case LTE -> "lte";
            case GTE -> "gte";
            default -> null;
        };
    }

    /** Levels of binary operators, loosest first (OPA's precedence): relations, |, &, + -, * / %. */
    private static final int REL = 0, OR = 1, AND = 2, ARITH = 3, FACTOR = 4;

    private static String binaryOp(int level, TokenKind k) {
        return switch (level) {
            case REL -> relOp(k);
            case OR -> k == TokenKind.PIPE ? "or" : null;
            case AND -> k == TokenKind.AMP ? "and" : null;
            case ARITH -> k == TokenKind.ADD ? "plus" : k == TokenKind.SUB ? "minus" : null;
            default -> k == TokenKind.MUL ? "mul" : k == TokenKind.QUO ? "div" : k == TokenKind.REM ? "rem" : null;
        };
    }

    private Term parseTermRelation(Term lhs, int start) {
        return binary(REL, lhs, start);
    }

    private Term operand(int level, int start) {
        return level == FACTOR ? parseTerm() : binary(level + 1, null, start);
    }

    /** One left-associative level: {@code lhs} (or an operand parsed here), then operators of this level. */
    private Term binary(int level, Term lhs, int start) {
        if (lhs == null) lhs = operand(level, start);
        int chain = depth;
        try {
            while (lhs != null) {
                String op = binaryOp(level, k());
                if (op == null) return lhs;
                Ref opr = opRef(op);
                next();
                Term rhs = operand(level, t().start());
                if (rhs == null) return lhs;
                lhs = new Call(opr, List.of(lhs, rhs), span(start));
                // a chain nests like brackets: count it against the depth limit
                if (!enter()) return null;
            }
            return null;
        } finally {
            depth = chain;
        }
    }

    // ------------------------------------------------------------------ terms

    Term parseTerm() {
        if (!enter()) return null;
        try {
            int key = p;
            Object[] cached = termCache.get(key);
            if (cached != null) {
                p = (Integer) cached[1];
                wildcard = (Integer) cached[2];
                return (Term) cached[0];
            }
            int errs = errors.size();
            int hintsBefore = hints.size();
            Term term = parseTermInner();
            if (term != null && errors.size() == errs && hints.size() == hintsBefore) {
                termCache.put(key, new Object[]{term, p, wildcard});
            }
            return term;
        } finally {
            leave();
        }
    }

    private Term parseTermInner() {
        Token t = t();
        int start = t.start();
        Term term = null;
        switch (t.kind()) {
            case IDENT -> {
                String w = t.text();
                if (isActiveKeyword(w) && !w.equals("contains")) {
                    if (refContNext()) { term = varOf(t); next(); }
                    else if (w.equals("null")) { term = Scalar.nullTerm(tokLoc(t)); next(); }
                    else if (w.equals("true")) { term = Scalar.bool(true, tokLoc(t)); next(); }
                    else if (w.equals("false")) { term = Scalar.bool(false, tokLoc(t)); next(); }
                    else { illegal(""); return null; }
                } else {
                    term = varOf(t);
                    next();
                }
            }
            case SUB, DOT, NUMBER -> term = parseNumber();
            case STRING -> {
                term = t.multi() ? Scalar.string(t.value(), tokLoc(t)) : Scalar.string(t.value(), tokLoc(t));
                next();
            }
            case TSTR_PART, TSTR_END -> {
                if (t.cont()) { illegal(""); return null; }
                term = parseTemplate();
            }
            case LBRACK -> term = parseArray();
            case LBRACE -> term = parseSetOrObject();
            case LPAREN -> {
                next();
                Term r = parseTermInfixCall();
                if (r != null) {
                    if (k() == TokenKind.RPAREN) {
                        next();
                        term = r;
                    } else {
                        error(curLoc(), "non-terminated expression");
                        return null;
                    }
                } else return null;
            }
            default -> {
                illegal("");
                return null;
            }
        }
        if (term == null) return null;
        return parseTermFinish(term, start, false);
    }

    /** After a term: ref/call continuation if '.', '[' or '(' follow directly. */
    Term parseTermFinish(Term head, int start, boolean firstConsumed) {
        if (head == null) return null;
        if (firstConsumed) next();
        Token n = t();
        if (!n.wsBefore() && (n.kind() == TokenKind.LPAREN || n.kind() == TokenKind.DOT || n.kind() == TokenKind.LBRACK)) {
            return parseRef(head, start);
        }
        if (head instanceof Var v && (v.name().equals("data") || v.name().equals("input"))) {
            return new Ref(List.of(v), v.location());
        }
        return head;
    }

    private Term parseRef(Term head, int start) {
        return parseRef(head, start, false);
    }

    private Term parseRef(Term head, int start, boolean firstAfterWs) {
        if (!enter()) return null;
        try {
            if (!(head instanceof Var || head instanceof ArrayTerm || head instanceof ObjectTerm || head instanceof SetTerm
                    || head instanceof ArrayComprehension || head instanceof SetComprehension
                    || head instanceof ObjectComprehension || head instanceof Call)) {
                error(head.location(), "illegal ref (head cannot be " + valueName(head) + ")");
            }
            List<Term> ref = new ArrayList<>();
            ref.add(head);
            boolean first = firstAfterWs;
            while (true) {
                Token t = t();
                boolean adj = first || !t.wsBefore();
                first = false;
                if (adj && t.kind() == TokenKind.DOT) {
                    next();
                    Token id = t();
                    if (id.wsBefore()) {
                        error(li.loc(toks[p - 1].end(), toks[p - 1].end() + 1), "unexpected whitespace token: expected ident");
                        return null;
                    }
                    if (id.kind() != TokenKind.IDENT) {
                        illegal("expected ident");
                        return null;
                    }
                    ref.add(Scalar.string(id.text(), tokLoc(id)));
                    next();
                } else if (adj && t.kind() == TokenKind.LPAREN) {
                    Ref op = new Ref(ref, span(start));
                    Term call = parseCall(op, start);
                    if (call == null) return null;
                    Token n = t();
                    if (!n.wsBefore() && (n.kind() == TokenKind.DOT || n.kind() == TokenKind.LBRACK)) {
                        return parseRef(call, start);
                    }
                    return call;
                } else if (adj && t.kind() == TokenKind.LBRACK) {
                    next();
                    Term term = parseTermInfixCall();
                    if (term == null) return null;
                    if (k() != TokenKind.RBRACK) {
                        illegal("expected [");
                        return null;
                    }
                    ref.add(term);
                    next();
                } else {
                    return new Ref(ref, span(start));
                }
            }
        } finally {
            leave();
        }
    }

    private Term parseCall(Ref operator, int start) {
        if (!enter()) return null;
        try {
            next(); // (
            if (k() == TokenKind.RPAREN) {
                next();
                if (operator.size() == 1 && operator.get(0) instanceof Var v && v.name().equals("set")) {
                    return new SetTerm(List.of(), span(start));
                }
                return new Call(operator, List.of(), span(start));
            }
            List<Term> args = parseTermList(TokenKind.RPAREN, new ArrayList<>());
            if (args == null) return null;
            next();
            return new Call(operator, args, span(start));
        } finally {
            leave();
        }
    }

    private List<Term> parseTermList(TokenKind end, List<Term> r) {
        if (k() == end) return r;
        while (true) {
            Term term = parseTermInfixCallInList();
            if (term == null) return null;
            r.add(term);
            if (k() == end) return r;
            if (k() == TokenKind.COMMA) {
                next();
                if (k() == end) return r;
                continue;
            }
            illegal("expected \",\" or \"" + end.display() + "\"");
            return null;
        }
    }

    private Term parseArray() {
        if (!enter()) return null;
        try {
            int start = t().start();
            next();
            if (k() == TokenKind.RBRACK) {
                next();
                return new ArrayTerm(List.of(), span(start));
            }
            boolean potentialComprehension = true;
            if (k() == TokenKind.COMMA) {
                potentialComprehension = false;
                next();
            }
            State s = save();
            Term head = parseTerm();
            if (head == null) return null;
            switch (k()) {
                case RBRACK -> {
                    next();
                    return new ArrayTerm(List.of(head), span(start));
                }
                case COMMA -> {
                    next();
                    List<Term> l = new ArrayList<>();
                    l.add(head);
                    List<Term> terms = parseTermList(TokenKind.RBRACK, l);
                    if (terms == null) return null;
                    next();
                    return new ArrayTerm(terms, span(start));
                }
                case PIPE -> {
                    if (potentialComprehension) {
                        next();
                        Body body = parseBody(TokenKind.RBRACK);
                        if (body != null) {
                            next();
                            return new ArrayComprehension(head, body, span(start));
                        }
                        if (k() != TokenKind.COMMA) return null;
                    }
                }
                default -> { }
            }
            restore(s);
            List<Term> terms = parseTermList(TokenKind.RBRACK, new ArrayList<>());
            if (terms == null) return null;
            next();
            return new ArrayTerm(terms, span(start));
        } finally {
            leave();
        }
    }

    private Term parseSetOrObject() {
        if (!enter()) return null;
        try {
            int start = t().start();
            next();
            if (k() == TokenKind.RBRACE) {
                next();
                return new ObjectTerm(List.of(), span(start));
            }
            boolean potentialComprehension = true;
            if (k() == TokenKind.COMMA) {
                potentialComprehension = false;
                next();
            }
            State s = save();
            Term head = parseTerm();
            if (head == null) return null;
            switch (k()) {
                case PIPE -> {
                    if (potentialComprehension) return parseSet(s, head, true, start);
                }
                case RBRACE, COMMA -> {
                    return parseSet(s, head, potentialComprehension, start);
                }
                case COLON -> {
                    return parseObject(head, potentialComprehension, start);
                }
                default -> { }
            }
            restore(s);
            head = parseTermInfixCallInList();
            if (head == null) return null;
            switch (k()) {
                case RBRACE, COMMA -> {
                    return parseSet(s, head, false, start);
                }
                case COLON -> {
                    return parseObject(head, potentialComprehension, start);
                }
                default -> { }
            }
            illegal("non-terminated set");
            return null;
        } finally {
            leave();
        }
    }

    private Term parseSet(State s, Term head, boolean potentialComprehension, int start) {
        switch (k()) {
            case RBRACE -> {
                next();
                return new SetTerm(List.of(head), span(start));
            }
            case COMMA -> {
                next();
                List<Term> l = new ArrayList<>();
                l.add(head);
                List<Term> terms = parseTermList(TokenKind.RBRACE, l);
                if (terms == null) return null;
                next();
                return new SetTerm(terms, span(start));
            }
            case PIPE -> {
                if (potentialComprehension) {
                    next();
                    Body body = parseBody(TokenKind.RBRACE);
                    if (body != null) {
                        next();
                        return new SetComprehension(head, body, span(start));
                    }
                    if (k() != TokenKind.COMMA) return null;
                }
                restore(s);
                List<Term> terms = parseTermList(TokenKind.RBRACE, new ArrayList<>());
                if (terms == null) return null;
                next();
                return new SetTerm(terms, span(start));
            }
            default -> {
                return null;
            }
        }
    }

    private Term parseObject(Term key, boolean potentialComprehension, int start) {
        next(); // colon
        State s = save();
        Term v = parseTerm();
        if (v == null) return null;
        boolean potentialRelation = true;
        if (potentialComprehension) {
            if (k() == TokenKind.RBRACE || k() == TokenKind.COMMA || k() == TokenKind.PIPE) {
                if (k() != TokenKind.PIPE) potentialRelation = false;
                Term term = parseObjectFinish(key, v, true, start);
                if (term != null) return term;
            }
        }
        restore(s);
        if (potentialRelation) {
            Term v2 = parseTermInfixCallInList();
            if (v2 == null) return null;
            if (k() == TokenKind.RBRACE || k() == TokenKind.COMMA) return parseObjectFinish(key, v2, false, start);
        }
        illegal("non-terminated object");
        return null;
    }

    private Term parseObjectFinish(Term key, Term val, boolean potentialComprehension, int start) {
        switch (k()) {
            case RBRACE -> {
                next();
                return new ObjectTerm(List.of(Map.entry(key, val)), span(start));
            }
            case PIPE -> {
                if (potentialComprehension) {
                    next();
                    Body body = parseBody(TokenKind.RBRACE);
                    if (body != null) {
                        next();
                        return new ObjectComprehension(key, val, body, span(start));
                    }
                } else {
                    illegal("non-terminated object");
                }
                return null;
            }
            case COMMA -> {
                next();
                List<Map.Entry<Term, Term>> pairs = new ArrayList<>();
                pairs.add(Map.entry(key, val));
                if (k() == TokenKind.RBRACE) {
                    next();
                    return new ObjectTerm(pairs, span(start));
                }
                while (true) {
                    Term k2 = parseTermInfixCallInList();
                    if (k2 == null) return null;
                    if (k() != TokenKind.COLON) {
                        illegal("expected \":\"");
                        return null;
                    }
                    next();
                    Term v2 = parseTermInfixCallInList();
                    if (v2 == null) return null;
                    pairs.add(Map.entry(k2, v2));
                    if (k() == TokenKind.RBRACE) {
                        next();
                        return new ObjectTerm(pairs, span(start));
                    }
                    if (k() == TokenKind.COMMA) {
                        next();
                        if (k() == TokenKind.RBRACE) {
                            next();
                            return new ObjectTerm(pairs, span(start));
                        }
                        continue;
                    }
                    illegal("expected \",\" or \"}\"");
                    return null;
                }
            }
            default -> {
                return null;
            }
        }
    }

    private Term parseNumber() {
        int start = t().start();
        String prefix = "";
        if (k() == TokenKind.SUB) {
            prefix = "-";
            next();
            if (k() != TokenKind.NUMBER && k() != TokenKind.DOT) {
                illegal("expected number");
                return null;
            }
        }
        if (k() == TokenKind.DOT) {
            prefix += ".";
            next();
            if (k() != TokenKind.NUMBER) {
                illegal("expected number");
                return null;
            }
        }
        String lit = t().text();
        boolean decimalPrefix = prefix.endsWith(".");
        if (!decimalPrefix && lit.length() > 1 && lit.charAt(0) == '0') {
            boolean isDecimal = lit.charAt(1) == '.';
            boolean isSci = lit.length() > 2 && (lit.charAt(1) == 'e' || lit.charAt(1) == 'E');
            if (!isDecimal && !isSci) {
                illegal("expected number without leading zero");
                return null;
            }
        }
        String s = prefix + lit;
        BigDecimal bd;
        try {
            bd = new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            error(curLoc(), "number too big");
            return null;
        }
        long exp10 = (long) bd.precision() - bd.scale() - 1;
        if (bd.signum() != 0 && (exp10 > 30100 || exp10 < -30100)) {
            error(curLoc(), "number too big");
            return null;
        }
        next();
        return Scalar.number(bd, s, span(start));
    }

    private Term parseTemplate() {
        int start = t().start();
        boolean multi = t().multi();
        List<TemplateString.Part> parts = new ArrayList<>();
        while (true) {
            Token t = t();
            if (t.value() != null && !t.value().isEmpty()) parts.add(TemplateString.Part.text(t.value()));
            if (t.kind() == TokenKind.TSTR_END) {
                next();
                break;
            }
            next();
            if (t().kind() == TokenKind.TSTR_PART || t().kind() == TokenKind.TSTR_END) {
                if (t().cont()) {
                    // empty expression {}
                    error(curLoc(), "invalid template-string expression");
                    return null;
                }
            }
            Expr e = parseLiteral();
            if (e == null) {
                error(curLoc(), "invalid template-string expression");
                return null;
            }
            if (e.negated()) {
                error(e.location(), "unexpected negation ('not') in template-string expression");
                return null;
            }
            if (e.isEquality()) {
                error(e.location(), "unexpected unification ('=') in template-string expression");
                return null;
            }
            if (e.isAssignment()) {
                error(e.location(), "unexpected assignment (':=') in template-string expression");
                return null;
            }
            if (e.terms() instanceof Every) {
                error(e.location(), "unexpected 'every' in template-string expression");
                return null;
            }
            if (e.terms() instanceof SomeDecl) {
                error(e.location(), "unexpected 'some' in template-string expression");
                return null;
            }
            if (!(e.terms() instanceof Term term)) {
                error(e.location(), "invalid template-string expression");
                return null;
            }
            parts.add(TemplateString.Part.expr(term, e.withs()));
            Token c = t();
            if (!((c.kind() == TokenKind.TSTR_PART || c.kind() == TokenKind.TSTR_END) && c.cont())) {
                error(curLoc(), "expected } to end template string expression");
                return null;
            }
        }
        return new TemplateString(parts, multi, span(start));
    }

    static String valueName(Term t) {
        if (t instanceof Scalar s) {
            return s.typeName();
        }
        if (t instanceof Var) return "var";
        if (t instanceof Ref) return "ref";
        if (t instanceof ArrayTerm) return "array";
        if (t instanceof ObjectTerm) return "object";
        if (t instanceof SetTerm) return "set";
        if (t instanceof ArrayComprehension) return "arraycomprehension";
        if (t instanceof SetComprehension) return "setcomprehension";
        if (t instanceof ObjectComprehension) return "objectcomprehension";
        if (t instanceof Call) return "call";
        if (t instanceof TemplateString) return "templatestring";
        return "term";
    }
}
