package dev.gkstudio.gatekeeper.mutation;

import java.util.regex.Pattern;

/**
 * An image reference split as AssignImage splits it: domain (the part before the first {@code /} when it has a
 * {@code .} or {@code :} or is {@code localhost}), path, and tag (from the first {@code :} or {@code @} of the
 * rest). Validation keeps a mutator convergent: no component may leak into its neighbour on the next pass.
 */
final class ImageRef {
    static final Pattern DOMAIN = Pattern.compile("(^\\w[\\w\\-_]*\\.[\\w\\-_.]*\\w(:\\d+)?$)|(^localhost(:\\d+)?$)");
    static final Pattern PATH = Pattern.compile("^[a-z0-9]+(?:(?:(?:[._/]|__|[-]*)[a-z0-9]+)+)?");
    static final Pattern TAG = Pattern.compile("(^:\\w[\\w.-]{0,127}$)|(^@[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$)");

    private ImageRef() {
    }

    static String mutate(String domain, String path, String tag, String current) {
        String[] d = splitDomain(current);
        String rest = d[1];
        String p = rest, t = "";
        int sep = indexOfAny(rest, ":@");
        if (sep >= 0) {
            p = rest.substring(0, sep);
            t = rest.substring(sep);
        }
        String nd = domain.isEmpty() ? d[0] : domain;
        String np = path.isEmpty() ? p : path;
        String nt = tag.isEmpty() ? t : tag;
        return (nd.isEmpty() ? "" : nd + "/") + np + nt;
    }

    static String[] splitDomain(String name) {
        int i = name.indexOf('/');
        if (i < 0) return new String[] {"", name};
        String first = name.substring(0, i);
        if (!first.contains(".") && !first.contains(":") && !first.equals("localhost")) return new String[] {"", name};
        return new String[] {first, name.substring(i + 1)};
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return i;
        return -1;
    }

    static void validate(String domain, String path, String tag) throws MutationException {
        if (domain.isEmpty() && path.isEmpty() && tag.isEmpty()) {
            throw new MutationException("at least one of [assignDomain, assignPath, assignTag] must be set");
        }
        if (!domain.isEmpty() && !DOMAIN.matcher(domain).find()) {
            throw new MutationException("assignDomain \"" + domain + "\" does not match pattern " + DOMAIN.pattern());
        }
        if (!path.isEmpty()) {
            var m = PATH.matcher(path);
            if (!m.lookingAt() || m.end() != path.length()) {
                throw new MutationException("assignPath \"" + path + "\" does not match pattern " + PATH.pattern());
            }
        }
        if (!tag.isEmpty() && !TAG.matcher(tag).find()) {
            throw new MutationException("assignTag \"" + tag + "\" does not match pattern " + TAG.pattern());
        }
        if (domain.isEmpty() && !splitDomain(path)[0].isEmpty()) {
            throw new MutationException("assignDomain must be set if the first part of assignPath \"" + path
                    + "\" can be interpretted as part of a domain");
        }
    }
}
