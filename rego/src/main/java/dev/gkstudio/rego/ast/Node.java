package dev.gkstudio.rego.ast;

/** Common supertype of all AST nodes: every node knows its source range. */
public interface Node {
    /** @return the source range of this node ({@link Location#NONE} for synthesized nodes). */
    Location location();
}
