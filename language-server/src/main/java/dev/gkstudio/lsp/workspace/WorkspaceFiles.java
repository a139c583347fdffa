package dev.gkstudio.lsp.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.WorkspaceFolder;

/**
 * The files of a desktop editor's workspace folders that the server reads without the editor opening them, so that
 * go-to-definition and workspace symbols reach every module: {@code .rego} files and ConstraintTemplate YAML. Other
 * YAML is left out (sample objects would change what completion proposes). Bounded: hidden folders, {@code target}
 * and {@code node_modules} are skipped, files over {@link #MAX_BYTES} and files past {@link #MAX_FILES} ignored.
 */
public final class WorkspaceFiles {

    static final int MAX_FILES = 5_000;
    static final long MAX_BYTES = 1 << 20;
    private static final Pattern TEMPLATE = Pattern.compile("(?m)^kind:\\s*ConstraintTemplate\\s*$");

    private WorkspaceFiles() {
    }

    /** The folders LSP names: {@code workspaceFolders}, else {@code rootUri}, else the deprecated {@code rootPath}. */
    @SuppressWarnings("deprecation")
    public static List<Path> roots(InitializeParams params) {
        Set<Path> out = new LinkedHashSet<>();
        if (params.getWorkspaceFolders() != null) {
            for (WorkspaceFolder f : params.getWorkspaceFolders()) {
                Path p = path(f.getUri());
                if (p != null) out.add(p);
            }
        }
        if (out.isEmpty() && params.getRootUri() != null) {
            Path p = path(params.getRootUri());
            if (p != null) out.add(p);
        }
        if (out.isEmpty() && params.getRootPath() != null && !params.getRootPath().isBlank()) {
            out.add(Path.of(params.getRootPath()));
        }
        return List.copyOf(out);
    }

    private static Path path(String uri) {
        try {
            URI u = URI.create(uri);
            return "file".equals(u.getScheme()) ? Path.of(u) : null;
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    /** The workspace documents below the roots (version 0), at most {@link #MAX_FILES}. */
    public static List<Document> scan(List<Path> roots) {
        List<Document> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) continue;
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                        boolean skip = !dir.equals(root) && (name.startsWith(".") || name.equals("target") || name.equals("node_modules"));
                        return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (out.size() >= MAX_FILES) return FileVisitResult.TERMINATE;
                        Document d = attrs.size() <= MAX_BYTES ? read(file) : null;
                        if (d != null) out.add(d);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // an unreadable folder contributes nothing; the open documents still work
            }
        }
        return out;
    }

    /** The document a workspace file holds, or null when it is not one the server reads (or cannot be read). */
    public static Document read(String uri) {
        Path p = path(uri);
        return p == null ? null : read(p);
    }

    private static Document read(Path file) {
        String name = file.getFileName().toString();
        boolean rego = name.endsWith(".rego");
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        if (!rego && !yaml) return null;
        try {
            if (Files.size(file) > MAX_BYTES) return null;
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (yaml && !TEMPLATE.matcher(text).find()) return null;
            return new Document(file.toUri().toString(), rego ? "rego" : "yaml", 0, text);
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }
}
