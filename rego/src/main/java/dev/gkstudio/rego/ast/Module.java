package dev.gkstudio.rego.ast;

import java.util.List;

/**
 * A parsed Rego module (one file).
 *
 * @param pkg         package clause
 * @param imports     imports in source order (including {@code future.*}/{@code rego.v1} ones)
 * @param rules       rules in source order (v0 multi-body rules split)
 * @param annotations all METADATA annotations of the file (package-, rule- and document-scoped)
 * @param comments    all comments in source order
 * @param version     the Rego version the module was parsed with
 * @param location    range of the whole module
 */
public record Module(Package pkg, List<Import> imports, List<Rule> rules, List<Annotation> annotations,
                     List<Comment> comments, RegoVersion version, Location location) implements Node {

    public Module {
        imports = List.copyOf(imports);
        rules = List.copyOf(rules);
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
        comments = comments == null ? List.of() : List.copyOf(comments);
    }

    public Module withRules(List<Rule> r) { return new Module(pkg, imports, r, annotations, comments, version, location); }

    public Module withImports(List<Import> i) { return new Module(pkg, i, rules, annotations, comments, version, location); }

    /** @return the file name from the location. */
    public String fileName() { return location.file(); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(pkg).append('\n');
        for (Import i : imports) sb.append(i).append('\n');
        for (Rule r : rules) sb.append(r).append('\n');
        return sb.toString();
    }
}
