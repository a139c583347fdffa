package dev.gkstudio.gatekeeper.cel;

/** Go's {@code strconv.Quote} (and so {@code %q} on strings), for error texts that quote their input. */
final class GoQuote {
    private GoQuote() {
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 11 -> sb.append("\\v");
                default -> {
                    if (printable(cp)) {
                        sb.appendCodePoint(cp);
                    } else if (cp < 0x80 || (cp >= 0xd800 && cp <= 0xdfff)) {
                        sb.append(String.format("\\x%02x", cp & 0xff));
                    } else if (cp < 0x10000) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.append(String.format("\\U%08x", cp));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean printable(int cp) {
        if (cp < 0x20 || cp == 0x7f) return false;
        if (cp < 0x7f) return true;
        int t = Character.getType(cp);
        return t != Character.CONTROL && t != Character.FORMAT && t != Character.SURROGATE && t != Character.PRIVATE_USE
                && t != Character.UNASSIGNED && t != Character.LINE_SEPARATOR && t != Character.PARAGRAPH_SEPARATOR
                && (t != Character.SPACE_SEPARATOR || cp == ' ');
    }
}
