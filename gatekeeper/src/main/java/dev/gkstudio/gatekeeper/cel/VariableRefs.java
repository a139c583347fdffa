package dev.gkstudio.gatekeeper.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes types {@code variables} as an object whose fields are the variables declared so far, so
 * {@code variables.x} for an unknown (or later) {@code x} is a compile error ({@code undefined field 'x'}).
 */
final class VariableRefs {
    private VariableRefs() {
    }

    /** Whether the expression reads {@code variables}. */
    static boolean usesVariables(CelAbstractSyntaxTree ast) {
        return CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .anyMatch(n -> n.expr().getKind() == CelExpr.ExprKind.Kind.IDENT && n.expr().ident().name().equals("variables"));
    }

    /** The cel-go style error for the first {@code variables.<unknown>} selection, or null. */
    static String firstUndefined(CelAbstractSyntaxTree ast, String expression, List<String> known) {
        Optional<CelNavigableExpr> bad = CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .filter(n -> n.expr().getKind() == CelExpr.ExprKind.Kind.SELECT)
                .filter(n -> {
                    CelExpr.CelSelect s = n.expr().select();
                    return s.operand().getKind() == CelExpr.ExprKind.Kind.IDENT
                            && s.operand().ident().name().equals("variables")
                            && !known.contains(s.field());
                })
                .findFirst();
        if (bad.isEmpty()) return null;
        CelExpr e = bad.get().expr();
        String field = e.select().field();
        Integer offset = ast.getSource().getPositionsMap().get(e.id());
        if (offset == null) return "ERROR: <input>: undefined field '" + field + "'";
        Optional<CelSourceLocation> loc = ast.getSource().getOffsetLocation(offset);
        if (loc.isEmpty()) return "ERROR: <input>: undefined field '" + field + "'";
        int line = loc.get().getLine();
        int col = loc.get().getColumn();
        String[] lines = expression.split("\n", -1);
        String text = line - 1 < lines.length ? lines[line - 1] : "";
        return "ERROR: <input>:" + line + ":" + (col + 1) + ": undefined field '" + field + "'\n | " + text + "\n | "
                + ".".repeat(Math.max(0, col)) + "^";
    }
}
