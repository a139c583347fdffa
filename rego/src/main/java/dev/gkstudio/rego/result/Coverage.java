package dev.gkstudio.rego.result;

import java.util.Map;
import java.util.SortedSet;

/**
 * Line coverage of one evaluation: per module file, the lines of evaluated expressions and rule heads
 * ({@code covered}) and the lines of expressions/rules that were never evaluated ({@code notCovered}).
 * A line that is in both (e.g. one expression evaluated, another not) counts as covered.
 *
 * @param files per file name
 */
public record Coverage(Map<String, FileCoverage> files) {
    /**
     * Lines of one file.
     *
     * @param covered    1-based covered lines
     * @param notCovered 1-based lines with code that was not evaluated
     */
    public record FileCoverage(SortedSet<Integer> covered, SortedSet<Integer> notCovered) {
        /** Percentage of covered lines among all lines with code, 100 when there is none. */
        public double percent() {
            int total = covered.size() + notCovered.size();
            return total == 0 ? 100.0 : 100.0 * covered.size() / total;
        }
    }
}
