package dev.gkstudio.backend.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.re2j.PatternSyntaxException;

/**
 * What a sample is expected to produce, written as a comment in its YAML document and
 * equivalent to one gator assertion:
 * <pre>
 * # expect: allowed                       violations: no
 * # expect: violated                      violations: yes
 * # expect: 2 violations                  violations: 2
 * # expect: violation /regex/             violations: yes, message: regex
 * # expect: 1 violation /regex/           violations: 1, message: regex
 * </pre>
 *
 * @param text       the comment text after {@code expect:}
 * @param violations "yes", "no" or a count
 * @param message    RE2 regex the counted messages must match (unanchored), or null for all
 * @param line       1-based line of the comment in the samples text
 * @param error      why the comment could not be read, or null
 */
public record Expectation(String text, String violations, String message, int line, String error) {

    private static final Pattern FORM = Pattern.compile(
            "(?i)\\s*(allowed|violated|(\\d+)\\s+violations?|violations?)\\s*(?:/(.*)/)?\\s*");

    public static Expectation parse(String text, int line) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return new Expectation(text, "yes", null, line,
                    "unreadable expectation: use allowed, violated, N violations or violation /regex/");
        }
        String word = m.group(1).toLowerCase(Locale.ROOT);
        String violations;
        if (word.equals("allowed")) {
            violations = "no";
        } else if (m.group(2) != null) {
            violations = m.group(2);
        } else {
            violations = "yes";
        }
        String message = m.group(3);
        if (message != null) {
            try {
                compiled(message);
            } catch (PatternSyntaxException e) {
                return new Expectation(text, violations, message, line, "invalid regex: " + e.getMessage());
            }
        }
        return new Expectation(text.strip(), violations, message, line, null);
    }

    /** Whether the messages of a sample's violations meet this expectation (gator's assertion rules). */
    public boolean isMet(List<String> messages) {
        if (error != null) {
            return false;
        }
        long n = messages.stream().filter(this::matches).count();
        return switch (violations) {
            case "yes" -> n >= 1;
            case "no" -> n == 0;
            default -> n == Long.parseLong(violations);
        };
    }

    private boolean matches(String msg) {
        return message == null || compiled(message).matcher(msg).find();
    }

    /** Compiled message patterns: a workspace is evaluated on every keystroke with the same expectations. */
    private static final Map<String, com.google.re2j.Pattern> COMPILED = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, com.google.re2j.Pattern> eldest) {
                    return size() > 512;
                }
            });

    private static com.google.re2j.Pattern compiled(String regex) {
        com.google.re2j.Pattern p = COMPILED.get(regex);
        if (p == null) {
            p = com.google.re2j.Pattern.compile(regex);
            COMPILED.put(regex, p);
        }
        return p;
    }

    /** The gator assertion, e.g. {@code violations: 2} and {@code message: ...}. */
    public String describe() {
        String count = switch (violations) {
            case "no" -> "no violations";
            case "yes" -> "at least one violation";
            default -> violations + (violations.equals("1") ? " violation" : " violations");
        };
        return message == null ? count : count + " matching /" + message + "/";
    }
}
