package dev.gkstudio.gatekeeper.gator;

import dev.gkstudio.rego.value.Value;
import java.util.List;

/** A gator {@code Suite} (test.gatekeeper.sh/v1alpha1). */
public record Suite(String absolutePath, String inputPath, boolean skip, List<Test> tests) {

    /**
     * A template/constraint pair with its cases; {@code expansion} is the path of a file of ExpansionTemplates
     * whose resultants are reviewed too ("" for none).
     */
    public record Test(String name, String template, String constraint, List<Case> cases, boolean invalid, boolean skip,
                       String expansion) {
    }

    /** One object reviewed against the test's constraint. */
    public record Case(String name, String object, List<String> inventory, List<Assertion> assertions, boolean skip) {
    }

    /** An assertion: {@code violations} is a string ("yes"/"no"/other), an integer, or null (yes). */
    public record Assertion(Value violations, String message) {
    }
}
