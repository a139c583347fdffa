/**
 * Rego abstract syntax tree (front end of the Gatekeeper Studio Rego engine).
 *
 * <h2>Model</h2>
 * All nodes are immutable records implementing {@link dev.gkstudio.rego.ast.Node}; each carries a
 * {@link dev.gkstudio.rego.ast.Location} (file, 1-based start/end line and column, 0-based start/end char
 * offsets). Equality of terms/exprs/bodies ignores locations (structural equality), so ASTs can be used as
 * map keys and compared in tests.
 *
 * <pre>
 * Module(pkg: Package(path: Ref data.a.b), imports: [Import(path, alias)], rules: [Rule],
 *        annotations: [Annotation], comments: [Comment], version: V0|V1, location)
 * Rule(head: RuleHead, body: Body, isDefault, elseRule: Rule|null, annotations, location)
 * RuleHead(ref, name, args|null, key|null, value|null, assign, kind: COMPLETE|PARTIAL_SET|PARTIAL_OBJECT|FUNCTION)
 * Body(exprs: [Expr])
 * Expr(index, negated, terms: ExprTerms, withs: [With], generated, location)
 *   ExprTerms = Term | SomeDecl | Every | LogicalExpr | Body
 * Term = Scalar(NULL|BOOLEAN|NUMBER(BigDecimal, exact)|STRING) | Var | Ref | ArrayTerm | ObjectTerm | SetTerm
 *      | ArrayComprehension | SetComprehension | ObjectComprehension | Call | TemplateString
 * With(target, value); SomeDecl(symbols); Every(key|null, value, domain, body); LogicalExpr(AND|OR, [Body])
 * </pre>
 *
 * <h2>Conventions (as in OPA)</h2>
 * <ul>
 * <li>Infix operators are calls to builtin names: {@code =} eq, {@code :=} assign, {@code ==} equal, {@code !=} neq,
 * {@code <} lt, {@code <=} lte, {@code >} gt, {@code >=} gte, {@code +} plus, {@code -} minus, {@code *} mul,
 * {@code /} div, {@code %} rem, {@code &} and, {@code |} or, {@code in} internal.member_2 / internal.member_3.
 * A call expression is an {@link dev.gkstudio.rego.ast.Expr} whose terms is a {@link dev.gkstudio.rego.ast.Call};
 * {@code plus(x, 1, n)} keeps the output as the extra last argument.</li>
 * <li>Wildcards {@code _} are renamed by the parser to {@code $0}, {@code $1}, ... (unique per module/query).</li>
 * <li>Package paths and, after compilation, all global refs are absolute ({@code data.x.y}, {@code input.z}).</li>
 * <li>Rule head refs are relative to the package ({@code p}, {@code a.b[x]}); partial-set elements are in
 * {@link dev.gkstudio.rego.ast.RuleHead#key()}, not in the ref. Rules without value get a generated {@code true}
 * value; rules without body get a generated {@code true} body expression.</li>
 * <li>v0 multi-body rules {@code p { a } { b }} become several rules; {@code else} chains hang off
 * {@link dev.gkstudio.rego.ast.Rule#elseRule()}.</li>
 * <li>{@code some x in xs} is {@code SomeDecl([internal.member_2(x, xs)])}; {@code some k, v in xs} uses
 * {@code internal.member_3}. A bare {@code x in xs} expression is the call {@code internal.member_2(x, xs)}.</li>
 * <li>{@code not { body }} is a negated Expr holding a {@link dev.gkstudio.rego.ast.Body};
 * {@code a and b}/{@code a or b} a {@link dev.gkstudio.rego.ast.LogicalExpr} of operand bodies.</li>
 * <li>Template strings keep literal parts and expression terms ({@link dev.gkstudio.rego.ast.TemplateString}).</li>
 * <li>{@code toString()} prints Rego source form: {@code data.test.q[x]}, {@code plus(x, 1, n)},
 * {@code x = data.a[$0]}.</li>
 * </ul>
 *
 * <h2>Diagnostics</h2>
 * {@link dev.gkstudio.rego.ast.Diagnostic} (code, message, location) prints as OPA does:
 * {@code <file>:<row>: <code>: <message>}. Codes are in {@link dev.gkstudio.rego.ast.ErrorCodes}.
 *
 * <p>Parsing: {@code dev.gkstudio.rego.parser.RegoParser}; compilation: {@code dev.gkstudio.rego.compiler.RegoCompiler}.
 */
package dev.gkstudio.rego.ast;
