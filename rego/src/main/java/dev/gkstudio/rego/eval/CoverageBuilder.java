package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.result.Coverage;
import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Module;

import java.util.*;

/** Turns the set of evaluated locations into per-file covered / not-covered lines. */
final class CoverageBuilder {
    private CoverageBuilder() {}

    static Coverage build(Program prog, Set<Location> covered) {
        Map<String, SortedSet<Integer>> cov = new TreeMap<>();
        for (Location l : covered) {
            if (!l.isKnown() || l.file().isEmpty()) continue;
            cov.computeIfAbsent(l.file(), k -> new TreeSet<>()).add(l.startLine());
        }
        Map<String, Coverage.FileCoverage> out = new TreeMap<>();
        for (Module m : prog.modules()) {
            SortedSet<Integer> all = new TreeSet<>();
            for (Rule r : m.rules()) lines(r, all);
            SortedSet<Integer> c = cov.getOrDefault(m.fileName(), new TreeSet<>());
            SortedSet<Integer> nc = new TreeSet<>(all);
            nc.removeAll(c);
            c = new TreeSet<>(c);
            c.retainAll(all);
            out.put(m.fileName(), new Coverage.FileCoverage(Collections.unmodifiableSortedSet(c),
                    Collections.unmodifiableSortedSet(nc)));
        }
        return new Coverage(Collections.unmodifiableMap(out));
    }

    private static void lines(Rule r, Set<Integer> out) {
        for (Rule x = r; x != null; x = x.elseRule()) {
            if (x.head().location().isKnown()) out.add(x.head().location().startLine());
            body(x.body(), out);
        }
    }

    private static void body(Body b, Set<Integer> out) {
        for (Expr e : b.exprs()) {
            if (e.location().isKnown() && !e.generated() && !isDeclaration(e)) out.add(e.location().startLine());
        }
    }

    /** {@code some x, y} only declares: the compiler drops it, so OPA never reports its line as not covered. */
    private static boolean isDeclaration(Expr e) {
        if (!(e.terms() instanceof SomeDecl d)) return false;
        for (Term t : d.symbols()) if (!(t instanceof Var)) return false;
        return true;
    }
}
