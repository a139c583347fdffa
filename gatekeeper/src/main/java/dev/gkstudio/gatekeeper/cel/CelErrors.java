package dev.gkstudio.gatekeeper.cel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** cel-java evaluation errors in cel-go's words (what Kubernetes prints). */
final class CelErrors {
    private static final Pattern PREFIX = Pattern.compile("^evaluation error(?: at [^:]*:\\d+)?: ");
    private static final Pattern NO_KEY = Pattern.compile("^key '(.*)' is not present in map\\.?$", Pattern.DOTALL);
    private static final Pattern NO_OVERLOAD = Pattern.compile("^No matching overload for function '([^']*)'.*", Pattern.DOTALL);
    private static final Pattern INDEX = Pattern.compile("^Index out of bounds: (-?\\d+)$");

    private CelErrors() {
    }

    static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CompiledCel.VariableError) return t.getMessage();
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = PREFIX.matcher(m).replaceFirst("");
        Matcher k = NO_KEY.matcher(m);
        if (k.matches()) return "no such key: " + k.group(1);
        if (NO_OVERLOAD.matcher(m).matches()) return "no such overload";
        Matcher ix = INDEX.matcher(m);
        if (ix.matches()) return "index out of bounds: " + ix.group(1);
        if (m.equals("/ by zero")) return "division by zero";
        if (m.equals("% by zero")) return "modulus by zero";
        return m;
    }
}
