package dev.gkstudio.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.gkstudio.gatekeeper.cli.Main;

/** Files the browser downloads (bundles, YAML) and the project's {@code verify} run on a bundle. */
final class Bundles {

    private Bundles() {
    }

    record Verify(int exit, String output) {
    }

    /** Waits until a finished download whose name ends with {@code suffix} is in {@code dir}. */
    static Path awaitDownload(StudioSession s, Path dir, String suffix) {
        return s.waitFor(d -> {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** The project's {@code verify} on the suite, as {@code gkstudio verify} runs it. */
    static Verify verify(Path suite) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.execute("verify", suite.toString());
            return new Verify(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    /** Extracts a zip into {@code dir} (refusing entries outside it); returns {@code dir}. */
    static Path unzip(Path zip, Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip entry outside the target: " + e.getName());
                }
                Files.createDirectories(target.getParent());
                Files.write(target, z.readAllBytes());
            }
        }
        return dir;
    }
}
