package dev.gkstudio.gatekeeper.gator;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/** gator verify's {@code --run} filter: {@code test//case}, or one regex matching test or case names. */
public final class Filter {
    private final Pattern test;
    private final Pattern kase;
    private final boolean or;

    private Filter(Pattern test, Pattern kase, boolean or) {
        this.test = test;
        this.kase = kase;
        this.or = or;
    }

    public static Filter parse(String run) throws GatorError {
        if (run == null || run.isEmpty()) return new Filter(null, null, false);
        String[] parts = run.split("//", -1);
        try {
            if (parts.length == 1) return new Filter(Pattern.compile(parts[0]), null, true);
            if (parts.length == 2) return new Filter(Pattern.compile(parts[0]), Pattern.compile(parts[1]), false);
        } catch (PatternSyntaxException e) {
            throw new GatorError("compiling filter: invalid test filter: error parsing regexp: " + e.getMessage());
        }
        throw new GatorError("compiling filter: invalid test filter: a filter may include at most one \"//\"");
    }

    public boolean matchesTest(Suite.Test t) {
        if (test == null) return true;
        if (or) {
            if (test.matcher(t.name()).find()) return true;
            for (Suite.Case c : t.cases()) if (matchesCase(t.name(), c.name())) return true;
            return false;
        }
        return test.matcher(t.name()).find();
    }

    public boolean matchesCase(String testName, String caseName) {
        if (test == null) return true;
        if (or) return test.matcher(caseName).find() || test.matcher(testName).find();
        return kase.matcher(caseName).find() && test.matcher(testName).find();
    }
}
