package dev.gkstudio.gatekeeper.constraint;

import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Enforcement actions and scoped enforcement actions of a constraint. */
public final class EnforcementActions {
    public static final String WEBHOOK = "validation.gatekeeper.sh";
    public static final String AUDIT = "audit.gatekeeper.sh";
    public static final String GATOR = "gator.gatekeeper.sh";
    public static final String VAP = "vap.k8s.io";
    private static final List<String> POINTS = List.of(WEBHOOK, AUDIT, GATOR, VAP);

    private EnforcementActions() {
    }

    /** spec.enforcementAction, default deny. */
    public static String action(Value constraint) {
        String a = Obj.str(constraint, "spec", "enforcementAction");
        return a.isEmpty() ? "deny" : a;
    }

    /** Validates like Gatekeeper's util.ValidateEnforcementAction; returns the error text or null. */
    public static String validate(Value constraint) {
        Value raw = Obj.get(constraint, "spec", "enforcementAction");
        if (raw != null && !(raw instanceof StringValue) && !Obj.isNull(raw)) {
            return "invalid Constraint: invalid spec.enforcementAction";
        }
        String a = action(constraint);
        switch (a) {
            case "deny", "dryrun", "warn":
                return null;
            case "scoped":
                return validateScoped(constraint);
            default:
                return "unrecognized enforcementAction: \"" + a + "\" is not within the supported list [deny dryrun warn scoped]";
        }
    }

    /** A string enforcementAction outside deny/dryrun/warn/scoped (what gator test still evaluates). */
    public static boolean isUnknownPlainAction(Value constraint) {
        Value raw = Obj.get(constraint, "spec", "enforcementAction");
        if (!(raw instanceof StringValue)) return false;
        return !List.of("deny", "dryrun", "warn", "scoped").contains(action(constraint));
    }

    private static String validateScoped(Value constraint) {
        Value s = Obj.get(constraint, "spec", "scopedEnforcementActions");
        if (s == null) return "error fetching scopedEnforcementActions: scopedEnforcementActions is required";
        List<String> badPoints = new ArrayList<>();
        List<String> badActions = new ArrayList<>();
        if (s instanceof ArrayValue arr) {
            for (Value sea : arr.list()) {
                String action = Obj.str(sea, "action");
                if (!List.of("deny", "dryrun", "warn").contains(action)) badActions.add(action);
                ArrayValue eps = Obj.arr(sea, "enforcementPoints");
                if (eps == null || eps.size() == 0) badPoints.add("");
                else for (Value ep : eps.list()) {
                    String n = Obj.str(ep, "name");
                    if (!POINTS.contains(n) && !n.equals("*")) badPoints.add(n);
                }
            }
        }
        List<String> errs = new ArrayList<>();
        if (!badPoints.isEmpty()) {
            errs.add("unrecognized enforcement points: constraint will not be enforced for enforcement points "
                    + goList(badPoints) + ", supported enforcement points are " + goList(POINTS));
        }
        if (!badActions.isEmpty()) {
            errs.add("unrecognized enforcementAction: " + goList(badActions) + " is not within the supported list [deny dryrun warn]");
        }
        return errs.isEmpty() ? null : String.join("\n", errs);
    }

    static String goList(List<String> l) {
        return "[" + String.join(" ", l) + "]";
    }

    /** For a scoped constraint, the actions that apply at the enforcement point (may be empty). */
    public static List<String> scopedActionsFor(Value constraint, String point) {
        Set<String> out = new LinkedHashSet<>();
        ArrayValue arr = Obj.arr(constraint, "spec", "scopedEnforcementActions");
        if (arr != null) {
            for (Value sea : arr.list()) {
                ArrayValue eps = Obj.arr(sea, "enforcementPoints");
                if (eps == null) continue;
                for (Value ep : eps.list()) {
                    String n = Obj.str(ep, "name");
                    if (n.equals(point) || n.equals("*")) {
                        out.add(Obj.str(sea, "action"));
                        break;
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }
}
