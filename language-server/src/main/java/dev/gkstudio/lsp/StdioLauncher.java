package dev.gkstudio.lsp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Runs the language server over stdin/stdout for editors that start it as a process:
 * {@code java -cp ... dev.gkstudio.lsp.StdioLauncher --stdio}.
 */
public final class StdioLauncher {

    private StdioLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !"--stdio".equals(args[0])) {
            System.err.println("usage: StdioLauncher --stdio");
            System.exit(2);
        }
        // One thread reads stdin, two compute requests: enough for one editor.
        ExecutorService reader = Executors.newSingleThreadExecutor(daemon("lsp-stdio-reader"));
        ExecutorService workers = Executors.newFixedThreadPool(2, daemon("lsp-stdio-worker"));
        StudioLanguageServer server = new StudioLanguageServer(workers, System::exit);
        Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(System.in)
                .setOutput(System.out)
                .setExecutorService(reader)
                .create();
        server.connect(launcher.getRemoteProxy());
        // Returns when stdin closes, i.e. the editor went away without sending exit.
        launcher.startListening().get();
        System.exit(1);
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
