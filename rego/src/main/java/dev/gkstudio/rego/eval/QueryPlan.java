package dev.gkstudio.rego.eval;

/** A planned query (internal form); produced by {@link Program#planQuery}, immutable. */
public final class QueryPlan {
    private final String text;
    final Ir.Query query;
    final int nslots;
    final String[] slotNames;
    final boolean[] slotGenerated;

    QueryPlan(String text, Ir.Query query, int nslots, String[] slotNames, boolean[] slotGenerated) {
        this.text = text;
        this.query = query;
        this.nslots = nslots;
        this.slotNames = slotNames;
        this.slotGenerated = slotGenerated;
    }

    /** @return the query text. */
    public String text() { return text; }
}
