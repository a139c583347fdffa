package dev.gkstudio.gatekeeper.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.ast.CelExpr;
import dev.cel.parser.CelMacro;
import dev.cel.runtime.CelFunctionBinding;
import java.util.Optional;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.gkstudio.gatekeeper.engine.TemplateCompileException;
import dev.gkstudio.gatekeeper.template.CelCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Gatekeeper's {@code K8sNativeValidation} driver: compiles a template's CEL in the environment a
 * ValidatingAdmissionPolicy gets ({@code object}, {@code oldObject}, {@code request}, {@code namespaceObject},
 * {@code variables}; {@code params} (the constraint) only inside variables; Gatekeeper's own variables
 * {@code variables.anyObject} and {@code variables.params}), with the CEL standard library, the string, set,
 * optional, bindings and two-variable comprehension extensions and Kubernetes' list, regex, URL and quantity
 * libraries (and, from {@link K8sNetLibrary}, ip, cidr, format and semver).
 */
public final class CelEngine {
    /** The engine name in {@code code[].engine}. */
    public static final String NAME = "K8sNativeValidation";
    static final String RESERVED_PREFIX = "gatekeeper_internal_";

    /** Gatekeeper's variables, evaluated before the template's own. */
    static final List<CelCode.Variable> BUILTIN_VARIABLES = List.of(
            new CelCode.Variable("anyObject", "has(request.operation) && request.operation == \"DELETE\" && object == null ? oldObject : object", ""),
            new CelCode.Variable("params", "!has(params.spec) ? null : !has(params.spec.parameters) ? null: params.spec.parameters", ""));

    /**
     * {@code has(x.f)} as cel-go evaluates it on unstructured data: true when x is a map with key f, false for any
     * other value (null included) instead of an error.
     */
    private static final String HAS_FUNCTION = "@gk_has";
    private static final CelMacro HAS_MACRO = CelMacro.newGlobalMacro("has", 1, (factory, target, args) -> {
        CelExpr arg = args.get(0);
        if (arg.getKind() != CelExpr.ExprKind.Kind.SELECT || arg.select().testOnly()) {
            return Optional.of(factory.reportError("invalid argument to has() macro"));
        }
        return Optional.of(factory.newGlobalCall(HAS_FUNCTION, arg.select().operand(), factory.newStringLiteral(arg.select().field())));
    });

    private static final CelEngine INSTANCE = new CelEngine();

    private final Cel withParams;
    private final Cel withoutParams;

    private CelEngine() {
        withParams = build(true);
        withoutParams = build(false);
    }

    public static CelEngine get() {
        return INSTANCE;
    }

    private static Cel build(boolean params) {
        CelOptions opts = CelOptions.current()
                .enableOptionalSyntax(true)
                .enableHeterogeneousNumericComparisons(true)
                .enableHomogeneousLiterals(true)
                .enableTimestampEpoch(true)
                .enableUnsignedLongs(true)
                .enableQuotedIdentifierSyntax(false)
                .comprehensionMaxIterations(1_000_000)
                .build();
        var b = CelFactory.standardCelBuilder()
                .setOptions(opts)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS.stream().filter(m -> m != CelStandardMacro.HAS).toList())
                .addMacros(HAS_MACRO)
                .addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration(HAS_FUNCTION,
                        CelOverloadDecl.newGlobalOverload(HAS_FUNCTION + "_dyn_string", SimpleType.BOOL, SimpleType.DYN, SimpleType.STRING)))
                .addFunctionBindings(CelFunctionBinding.from(HAS_FUNCTION + "_dyn_string", Object.class, String.class,
                        (o, f) -> o instanceof java.util.Map<?, ?> m ? m.containsKey(f) : Boolean.FALSE))
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.sets(opts), CelExtensions.optional(),
                        CelExtensions.bindings(), CelExtensions.comprehensions())
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.sets(opts), CelExtensions.optional(),
                        CelExtensions.comprehensions())
                .addFunctionDeclarations(K8sLibrary.declarations())
                .addFunctionBindings(K8sLibrary.bindings())
                .addFunctionDeclarations(K8sNetLibrary.declarations())
                .addFunctionBindings(K8sNetLibrary.bindings())
                .addVar("object", SimpleType.DYN)
                .addVar("oldObject", SimpleType.DYN)
                .addVar("request", SimpleType.DYN)
                .addVar("namespaceObject", SimpleType.DYN)
                .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN));
        if (params) b.addVar("params", SimpleType.DYN);
        return b.build();
    }

    /**
     * Compiles and evaluates one expression in the validation environment with no inputs bound (for tests and
     * tools); a compile error is an IllegalArgumentException, an evaluation error a CelEvaluationException.
     */
    Object evaluate(String expression) throws dev.cel.runtime.CelEvaluationException {
        CelValidationResult r = withoutParams.compile(expression);
        if (r.hasError()) throw new IllegalArgumentException(r.getErrorString());
        try {
            return withoutParams.createProgram(r.getAst()).eval(java.util.Map.of());
        } catch (dev.cel.common.CelValidationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Reads and compiles the template's CEL. Throws (Gatekeeper's wording) only where Gatekeeper's driver refuses
     * the template: a source that is not an object, reserved variable or match-condition names, an unknown failure
     * policy. CEL compile errors do not fail the template (as in Gatekeeper); they are kept and reported as
     * violations when the template is evaluated, and listed by {@link CompiledCel#problems()}.
     */
    public CompiledCel compile(CelCode code) throws TemplateCompileException {
        if (code.sourceError() != null) throw new TemplateCompileException(code.sourceError(), null);
        for (CelCode.MatchCondition mc : code.matchConditions()) {
            if (mc.name().startsWith(RESERVED_PREFIX)) {
                throw new TemplateCompileException("invalid match condition: " + mc.name()
                        + " is not a valid match condition; cannot have \"" + RESERVED_PREFIX + "\" as a prefix", null);
            }
        }
        for (CelCode.Variable v : code.variables()) {
            if (v.name().startsWith(RESERVED_PREFIX)) {
                throw new TemplateCompileException("invalid variable definition: " + v.name()
                        + " is not a valid variable; cannot have \"" + RESERVED_PREFIX + "\" as a prefix", null);
            }
            if (v.name().equals("params") || v.name().equals("anyObject")) {
                throw new TemplateCompileException("invalid variable definition: " + v.name()
                        + " an invalid variable name, \"" + v.name() + "\" is a reserved keyword", null);
            }
        }
        String fp = code.failurePolicy();
        if (fp != null && !fp.equals("Fail") && !fp.equals("Ignore")) {
            throw new TemplateCompileException("invalid failure policy: unrecognized failure policy: " + fp, null);
        }
        List<CompiledCel.Expr> variables = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (CelCode.Variable v : BUILTIN_VARIABLES) {
            variables.add(compileOne(withParams, v.name(), v.expression(), null, names));
            names.add(v.name());
        }
        for (CelCode.Variable v : code.variables()) {
            variables.add(compileOne(withParams, v.name(), v.expression(), null, names));
            names.add(v.name());
        }
        List<CompiledCel.Expr> conditions = new ArrayList<>();
        for (CelCode.MatchCondition mc : code.matchConditions()) {
            conditions.add(compileOne(withoutParams, mc.name(), mc.expression(), CelKind.BOOL, names));
        }
        List<CompiledCel.Expr> validations = new ArrayList<>();
        List<CompiledCel.Expr> messages = new ArrayList<>();
        for (CelCode.Validation v : code.validations()) {
            validations.add(compileOne(withoutParams, null, v.expression(), CelKind.BOOL, names));
            messages.add(v.messageExpression().isEmpty() ? null
                    : compileOne(withoutParams, null, v.messageExpression(), CelKind.STRING, names));
        }
        return new CompiledCel(code, variables, conditions, validations, messages, !"Ignore".equals(fp));
    }

    /** Compiles one expression (Kubernetes' CompileCELExpression wording for errors). */
    private static CompiledCel.Expr compileOne(Cel cel, String name, String expression, CelKind want, List<String> knownVariables) {
        CelValidationResult r;
        try {
            r = cel.compile(expression);
        } catch (RuntimeException e) {
            return CompiledCel.Expr.failed(name, expression, "compilation failed: " + e.getMessage());
        }
        if (r.hasError()) {
            return CompiledCel.Expr.failed(name, expression, "compilation failed: " + r.getErrorString());
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = r.getAst();
        } catch (Exception e) {
            return CompiledCel.Expr.failed(name, expression, "compilation failed: " + e.getMessage());
        }
        String undefined = VariableRefs.firstUndefined(ast, expression, knownVariables);
        if (undefined != null) return CompiledCel.Expr.failed(name, expression, "compilation failed: " + undefined);
        CelKind kind = ast.getResultType().kind();
        // Kubernetes types each variable by its expression, so a dyn result that involves variables may be a bool
        // there; anything else dyn (object.spec.flag) is refused as Kubernetes refuses it.
        if (want != null && kind != want && (kind != CelKind.DYN || !VariableRefs.usesVariables(ast))) {
            return CompiledCel.Expr.failed(name, expression, "must evaluate to " + (want == CelKind.BOOL ? "bool" : "string"));
        }
        try {
            CelRuntime.Program p = cel.createProgram(ast);
            return new CompiledCel.Expr(name, expression, p, null);
        } catch (Exception e) {
            return CompiledCel.Expr.failed(name, expression, "compilation failed: " + e.getMessage());
        }
    }
}
