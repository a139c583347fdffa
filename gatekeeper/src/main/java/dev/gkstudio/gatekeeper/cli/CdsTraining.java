package dev.gkstudio.gatekeeper.cli;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Runs the CLI's common paths once (test in each output format, verify, expand) so that the JVM run at package
 * time with {@code -XX:ArchiveClassesAtExit} stores their classes in the application class-data archive the
 * {@code gkstudio} launcher starts with. Output is discarded.
 *
 * <p>Arguments: the directory holding the training files (template.yaml, constraint.yaml, object.yaml,
 * deployment.yaml, suite.yaml, expansion.yaml).
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) {
        String d = args[0] + "/";
        PrintStream out = System.out, err = System.err;
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(sink);
        System.setErr(sink);
        try {
            String[] files = {"-f", d + "template.yaml", "-f", d + "constraint.yaml", "-f", d + "object.yaml",
                    "-f", d + "deployment.yaml", "-f", d + "expansion.yaml"};
            for (String o : new String[] {"", "json", "yaml"}) {
                String[] a = new String[files.length + 3];
                a[0] = "test";
                a[1] = "-o";
                a[2] = o;
                System.arraycopy(files, 0, a, 3, files.length);
                Main.execute(a);
            }
            Main.execute("verify", d + "suite.yaml");
            Main.execute("expand", "-n", d + "expansion.yaml", "-n", d + "deployment.yaml");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
