package dev.gkstudio.lsp.workspace;

/**
 * An open document as the client sent it.
 *
 * @param uri        document URI
 * @param languageId {@code rego} or {@code yaml} (others are kept but not analysed)
 * @param version    client version
 * @param text       full text
 */
public record Document(String uri, String languageId, int version, String text) {
    public boolean isRego() { return "rego".equals(languageId) || uri.endsWith(".rego"); }

    public boolean isYaml() { return "yaml".equals(languageId) || uri.endsWith(".yaml") || uri.endsWith(".yml"); }
}
