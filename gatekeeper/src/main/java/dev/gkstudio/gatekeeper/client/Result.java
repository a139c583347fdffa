package dev.gkstudio.gatekeeper.client;

import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.util.List;

/**
 * One violation.
 *
 * @param msg               the message
 * @param details           {@code details} (or {@code {}})
 * @param constraint        the constraint object
 * @param enforcementAction spec.enforcementAction (default deny)
 * @param scopedActions     for scoped constraints, the actions at this enforcement point
 * @param subject           the object the review was about
 * @param prints            print() output of the evaluation that produced it
 * @param trace             evaluation trace when requested, else null
 */
public record Result(String msg, Value details, ObjectValue constraint, String enforcementAction,
                     List<String> scopedActions, Value subject, List<String> prints, String trace) {

    /** Deny, or scoped with a deny action. */
    public boolean isDeny() {
        return "deny".equals(enforcementAction) || scopedActions.contains("deny");
    }
}
