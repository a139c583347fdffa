package dev.gkstudio.rego.eval;

/** A planned query (internal form); produced by {@link Program#planQuery}, immutable. */
public final class QueryPlan {
    private final String text;
    final Ir.Query query;
    final int nslots;
    final String[] slotNames;
    final boolean[] slotGenerated;
    /** The author's expressions whose values rows report (null: not captured, topdown form). */
    final java.util.List<QueryCapture.Captured> captured;
    /** Per captured expression, the frame slot of its value, or -1 when its value is {@code true}. */
    final int[] captureSlots;

    QueryPlan(String text, Ir.Query query, int nslots, String[] slotNames, boolean[] slotGenerated) {
        this(text, query, nslots, slotNames, slotGenerated, null, null);
    }

    QueryPlan(String text, Ir.Query query, int nslots, String[] slotNames, boolean[] slotGenerated,
              java.util.List<QueryCapture.Captured> captured, int[] captureSlots) {
        this.text = text;
        this.query = query;
        this.nslots = nslots;
        this.slotNames = slotNames;
        this.slotGenerated = slotGenerated;
        this.captured = captured;
        this.captureSlots = captureSlots;
    }

    /** @return the query text. */
    public String text() { return text; }
}
