package dev.gkstudio.backend.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.gkstudio.backend.eval.Workspace;

/**
 * The naming rules the API server applies to a ConstraintTemplate, checked before any command text is generated:
 * a name that Kubernetes would refuse cannot be applied anyway, and refusing it keeps shell syntax out of the
 * commands a user pastes.
 */
final class KubernetesNames {

    /** DNS-1123 subdomain: what {@code metadata.name} of a cluster-scoped object may be. */
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** A CRD's kind: lowercased it must be a DNS-1035 label (apiextensions' validation of {@code names.kind}). */
    private static final Pattern KIND = Pattern.compile("[A-Za-z]([-A-Za-z0-9]*[A-Za-z0-9])?");

    private KubernetesNames() {
    }

    /** What is wrong with the template's name and kind, as {@code path: message}; empty when both are valid. */
    static List<String> problems(Workspace.Template t) {
        List<String> out = new ArrayList<>();
        String kind = t.kind();
        if (kind.isEmpty()) {
            out.add("template.kind: the template has no kind (spec.crd.spec.names.kind)");
        } else if (kind.length() > 63 || !KIND.matcher(kind).matches()) {
            out.add("template.kind: \"" + printable(kind) + "\" is not a valid kind: at most 63 letters, digits and"
                    + " '-', starting with a letter and ending with a letter or digit");
        }
        String name = templateName(t);
        if (name.isEmpty()) {
            out.add("template.name: the template has no name (metadata.name)");
        } else if (name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
            out.add("template.name: \"" + printable(name) + "\" is not a valid Kubernetes name: lowercase letters,"
                    + " digits, '-' and '.', starting and ending with a letter or digit (DNS-1123 subdomain)");
        }
        return out;
    }

    /** The name kubectl addresses: metadata.name, or (as Gatekeeper requires them equal) the kind in lowercase. */
    static String templateName(Workspace.Template t) {
        return t.name().isEmpty() ? t.kind().toLowerCase(Locale.ROOT) : t.name();
    }

    /** A single-quoted shell word: nothing inside it is expanded. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The value shown in a message: control characters replaced, long values cut. */
    private static String printable(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 80 ? p.substring(0, 80) + "…" : p;
    }
}
