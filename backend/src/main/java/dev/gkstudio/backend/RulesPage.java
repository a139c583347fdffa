package dev.gkstudio.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /rules/}: the language server's lint rule documentation ({@code rules/<category>/<name>.md} in the
 * language-server jar) as readable pages; the diagnostics' documentation links point here
 * ({@code rulesBaseUrl}, default {@code /rules/}). Markdown is rendered with commonmark-java with raw HTML
 * escaped and unsafe link schemes dropped; links to {@code .md} siblings lose the suffix.
 */
@Path("/rules")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class RulesPage {

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    private final Map<String, String> pages = new ConcurrentHashMap<>();

    @GET
    public String index() {
        return page("rules/README.md", "/rules/");
    }

    @GET
    @Path("{category}/{name}")
    public String rule(@PathParam("category") String category, @PathParam("name") String name) {
        String base = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
        if (!SEGMENT.matcher(category).matches() || !SEGMENT.matcher(base).matches()) {
            throw new NotFoundException();
        }
        return page("rules/" + category + "/" + base + ".md", "/rules/" + category + "/");
    }

    private String page(String resource, String linkBase) {
        String html = pages.computeIfAbsent(resource, r -> {
            String markdown = read(r);
            return markdown == null ? null : render(markdown, linkBase);
        });
        if (html == null) {
            throw new NotFoundException("no rule page " + resource);
        }
        return html;
    }

    /**
     * The whole HTML page of one markdown document. Raw HTML in the markdown is escaped, unsafe URLs are
     * dropped, and relative links to {@code .md} pages are resolved against {@code linkBase} without the suffix.
     */
    static String render(String markdown, String linkBase) {
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .escapeHtml(true)
                .sanitizeUrls(true)
                .attributeProviderFactory(context -> (node, tag, attributes) -> {
                    String href = attributes.get("href");
                    if ("a".equals(tag) && href != null && !href.contains(":") && !href.startsWith("/")
                            && href.endsWith(".md")) {
                        attributes.put("href", linkBase + href.substring(0, href.length() - 3));
                    }
                })
                .build();
        Node document = PARSER.parse(markdown);
        String title = "Lint rules";
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h && h.getLevel() == 1 && h.getFirstChild() instanceof Text t) {
                title = t.getLiteral();
                break;
            }
        }
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Gatekeeper Studio</title>
                <style>
                  body { font: 15px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; background: #fff; }
                  header { padding: 10px 24px; border-bottom: 1px solid #d0d7de; background: #f6f8fa; font-size: 14px; }
                  header a { color: #0969da; text-decoration: none; margin-right: 16px; }
                  main { max-width: 820px; padding: 8px 24px 48px; }
                  h1 { font-size: 26px; border-bottom: 1px solid #d0d7de; padding-bottom: 6px; }
                  code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eff1f3; padding: 1px 4px; border-radius: 4px; }
                  pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 12px; overflow: auto;
                        line-height: 1.45; tab-size: 4; }
                  pre code { background: none; padding: 0; }
                  table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: 4px 10px; text-align: left; }
                  a { color: #0969da; }
                  @media (prefers-color-scheme: dark) {
                    body { color: #e6edf3; background: #0d1117; } header { background: #161b22; border-color: #30363d; }
                    h1 { border-color: #30363d; } code { background: #262c36; } pre { background: #161b22; border-color: #30363d; }
                    td, th { border-color: #30363d; } a, header a { color: #58a6ff; }
                  }
                </style>
                </head>
                <body>
                <header><a href="/">Gatekeeper Studio</a><a href="/rules/">All lint rules</a></header>
                <main data-testid="rule-doc">
                %s</main>
                </body>
                </html>
                """.formatted(escape(title), renderer.render(document));
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
