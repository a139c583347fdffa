package dev.gkstudio.rego.ast;

/**
 * An {@code import} clause, e.g. {@code import data.lib.x as y}, {@code import input.a}, {@code import rego.v1},
 * {@code import future.keywords.in}.
 *
 * @param path     imported ref (head var {@code data}, {@code input}, {@code future} or {@code rego})
 * @param alias    alias after {@code as}, or null
 * @param location range of the whole clause
 */
public record Import(Ref path, String alias, Location location) implements Node {

    /** @return the name the import binds in the module: the alias or the last path element. */
    public String name() {
        if (alias != null) return alias;
        Term last = path.terms().get(path.terms().size() - 1);
        if (last instanceof Var v) return v.name();
        if (last instanceof Scalar s && s.value() instanceof String str) return str;
        return last.toString();
    }

    /** @return true for {@code future.*} and {@code rego.*} imports, which only switch syntax. */
    public boolean isSyntaxImport() {
        String h = path.head().name();
        return h.equals("future") || h.equals("rego");
    }

    @Override
    public String toString() {
        return "import " + path + (alias != null ? " as " + alias : "");
    }
}
