package dev.gkstudio.lsp.workspace;

import java.util.List;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

import dev.gkstudio.lsp.text.LineMap;
import dev.gkstudio.lsp.text.RegoLexer;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.parser.ParseResult;
import dev.gkstudio.rego.parser.RegoParser;

/**
 * One Rego module inside a document: the whole document for {@code .rego}, or the {@code rego:} block (index -1)
 * or a {@code libs:} entry (index ≥ 0) of a ConstraintTemplate YAML. Positions map between the module text and
 * the host document: module line {@code l} is host line {@code hostLine + l}, shifted right by {@code indent}.
 */
public final class RegoUnit {
    private final Document host;
    private final int index;
    private final String text;
    private final int hostLine;
    private final int indent;
    private final RegoVersion version;
    private final LineMap lines;
    private final ParseResult parse;
    private volatile List<RegoLexer.Token> tokens;
    private volatile Module dependency;

    public RegoUnit(Document host, int index, String text, int hostLine, int indent, RegoVersion version) {
        this.host = host;
        this.index = index;
        this.text = text;
        this.hostLine = hostLine;
        this.indent = indent;
        this.version = version;
        this.lines = new LineMap(text);
        this.parse = RegoParser.parseModule(fileName(), text, version);
    }

    public Document host() { return host; }

    public String uri() { return host.uri(); }

    /** -1 for the entry module (or a plain .rego document), i for {@code libs[i]}. */
    public int index() { return index; }

    public boolean embedded() { return host.isYaml(); }

    public String text() { return text; }

    public RegoVersion version() { return version; }

    public LineMap lines() { return lines; }

    public ParseResult parse() { return parse; }

    public Module module() { return parse.module(); }

    public boolean parsed() { return parse.ok(); }

    public int hostLine() { return hostLine; }

    public int indent() { return indent; }

    public String fileName() {
        return index < 0 ? "template" : "libs[\"lib_" + index + "\"]";
    }

    /**
     * This unit's module parsed under a file name of its own ({@code <uri>#<index>}), to compile other units
     * against it (e.g. a template's entry point against the {@code data.lib} packages open beside it); null
     * when it does not parse.
     */
    public Module asDependency() {
        Module m = dependency;
        if (m == null && parsed()) {
            ParseResult p = RegoParser.parseModule(uri() + "#" + index, text, version);
            dependency = m = p.ok() ? p.module() : null;
        }
        return m;
    }

    public List<RegoLexer.Token> tokens() {
        List<RegoLexer.Token> t = tokens;
        if (t == null) tokens = t = RegoLexer.tokens(text);
        return t;
    }

    /** The package path without {@code data.}, or null when the module has none. */
    public String packageName() {
        if (module() == null || module().pkg() == null || !module().pkg().location().isKnown()) return null;
        return module().pkg().pathString();
    }

    // ------------------------------------------------------------------ positions

    /** Host position of a module offset. */
    public Position toHost(int offset) {
        Position p = lines.position(offset);
        return new Position(p.getLine() + hostLine, p.getCharacter() + indent);
    }

    /** Host range of a module range [start, end). */
    public Range toHost(int start, int end) {
        return new Range(toHost(start), toHost(Math.max(start, end)));
    }

    /** Host range of a parser location (zero-width locations widen to the word there). */
    public Range toHost(Location loc) {
        if (loc == null || !loc.isKnown()) return toHost(0, 0);
        int start = loc.startOffset();
        int end = loc.endOffset();
        if (end <= start) {
            end = start;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) end++;
            if (end == start && end < text.length() && text.charAt(end) != '\n') end++;
        }
        return toHost(start, end);
    }

    /** The module offset of a host position, or -1 when the position is outside this module. */
    public int fromHost(Position p) {
        int l = p.getLine() - hostLine;
        if (l < 0 || l >= lines.lineCount()) return -1;
        int c = Math.max(0, p.getCharacter() - indent);
        return lines.offset(l, c);
    }

    public boolean contains(Position p) { return fromHost(p) >= 0; }
}
