package dev.gkstudio.gatekeeper.gator;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Runs gator assertions over review results, with gator's messages. */
public final class Assertions {
    private static final String INVALID = "invalid yaml: assertion.violation, if set, must be a nonnegative integer, \"yes\", or \"no\"";

    private Assertions() {
    }

    /** Returns null when the assertion holds, else gator's error text. */
    public static String run(Suite.Assertion a, List<Result> results) {
        Pattern p = null;
        if (a.message() != null) {
            try {
                p = Pattern.compile(a.message());
            } catch (PatternSyntaxException e) {
                return "message contains invalid regular expression: error parsing regexp: " + e.getMessage();
            }
        }
        int matching = 0;
        List<String> messages = new ArrayList<>();
        for (Result r : results) {
            messages.add(r.msg());
            if (p == null || p.matcher(r.msg()).find()) matching++;
        }
        String err = count(a, matching);
        if (err == null) return null;
        if (err.startsWith("invalid yaml")) return err + ": got messages " + goList(messages);
        return "unexpected number of violations: " + err + ": got messages " + goList(messages);
    }

    static String goList(List<String> l) {
        return "[" + String.join(" ", l) + "]";
    }

    private static String count(Suite.Assertion a, int matching) {
        Value v = a.violations();
        String msg = a.message();
        String containing = msg == null ? "" : " containing " + dev.gkstudio.rego.value.Json.quote(msg).replace("\\u", "\\u");
        if (v instanceof NumberValue n) {
            Long want = n.toLongOrNull();
            if (want == null || want < 0) return INVALID;
            if (want != matching) {
                return "got " + matching + " violations" + containing + " but want exactly " + want;
            }
            return null;
        }
        String s = v == null ? "yes" : v instanceof StringValue sv ? sv.value() : null;
        if (s == null) return INVALID;
        switch (s) {
            case "yes":
                return matching == 0 ? "got " + matching + " violations" + containing + " but want at least 1" : null;
            case "no":
                return matching > 0 ? "got " + matching + " violations" + containing + " but want none" : null;
            default:
                return INVALID;
        }
    }
}
