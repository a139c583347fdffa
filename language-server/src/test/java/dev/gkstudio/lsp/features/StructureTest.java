package dev.gkstudio.lsp.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.SelectionRange;
import org.eclipse.lsp4j.SymbolKind;
import org.junit.jupiter.api.Test;

import dev.gkstudio.lsp.Fixture;

/** Document/workspace symbols, folding ranges and selection ranges. */
class StructureTest {

    private static final String POLICY = """
            package k8s.labels

            # one
            # two
            import data.lib.a
            import data.lib.b

            default allow := false

            violation contains {"msg": msg} if {
            	some x in input.xs
            	msg := sprintf("%v", [x])
            }

            f(x) := y if {
            	y := x + 1
            }
            """;

    @Test
    void documentSymbols() {
        List<DocumentSymbol> s = SymbolsFeature.documentSymbols(Fixture.rego(POLICY).doc);
        assertEquals("k8s.labels", s.get(0).getName());
        List<DocumentSymbol> rules = s.get(0).getChildren();
        assertEquals(List.of("default allow", "violation", "f(x)"), rules.stream().map(DocumentSymbol::getName).toList());
        assertEquals(List.of(SymbolKind.Variable, SymbolKind.Array, SymbolKind.Function), rules.stream().map(DocumentSymbol::getKind).toList());
        assertEquals(9, rules.get(1).getRange().getStart().getLine());
        assertEquals(12, rules.get(1).getRange().getEnd().getLine());
    }

    @Test
    void workspaceSymbols() {
        Fixture f = Fixture.rego(POLICY).open("file:///w/lib.rego", "rego", "package lib.a\n\nviolation_count := 1\n");
        assertEquals(List.of("violation", "violation_count"),
                SymbolsFeature.workspaceSymbols(f.ws, "viol").stream().map(w -> w.getName()).sorted().toList());
    }

    @Test
    void foldingRanges() {
        List<FoldingRange> r = FoldingFeature.folding(Fixture.rego(POLICY).doc);
        assertTrue(r.stream().anyMatch(x -> x.getStartLine() == 9 && x.getEndLine() == 11), r.toString());
        assertTrue(r.stream().anyMatch(x -> x.getStartLine() == 2 && x.getEndLine() == 3 && "comment".equals(x.getKind())), r.toString());
        assertTrue(r.stream().anyMatch(x -> x.getStartLine() == 4 && x.getEndLine() == 5 && "imports".equals(x.getKind())), r.toString());
    }

    @Test
    void selectionRangesGrowFromWordToRule() {
        Fixture f = Fixture.rego(POLICY.replace("sprintf(\"%v\", [x])", "sprintf(\"%v\", [x<|>])"));
        SelectionRange s = SelectionRangeFeature.selectionRanges(f.doc, List.of(f.cursor)).get(0);
        int levels = 0;
        int lastSize = -1;
        for (SelectionRange x = s; x != null; x = x.getParent()) {
            levels++;
            int size = (x.getRange().getEnd().getLine() - x.getRange().getStart().getLine()) * 1000
                    + x.getRange().getEnd().getCharacter() - x.getRange().getStart().getCharacter();
            assertTrue(size >= lastSize || x.getRange().getEnd().getLine() > x.getRange().getStart().getLine());
            lastSize = size;
        }
        assertEquals(11, s.getRange().getStart().getLine());
        assertTrue(levels >= 5, "levels: " + levels);
    }
}
