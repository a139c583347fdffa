package dev.gkstudio.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.services.LanguageClient;

import dev.gkstudio.lsp.protocol.ProtocolJsonHandler;
import dev.gkstudio.lsp.protocol.ServerProtocol;

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
        Launcher<LanguageClient> launcher = launcher(server, System.in, System.out, reader);
        // Returns when stdin closes, i.e. the editor went away without sending exit.
        launcher.startListening().get();
        System.exit(1);
    }

    /**
     * The server's side of a stream connection with the protocol rules of {@link ServerProtocol} (the lifecycle
     * gate, one-line errors, answers to unreadable messages), connected to the server; call startListening.
     */
    public static Launcher<LanguageClient> launcher(StudioLanguageServer server, InputStream in, OutputStream out,
            ExecutorService reader) {
        Launcher.Builder<LanguageClient> builder = new Launcher.Builder<>() {
            @Override
            protected MessageJsonHandler createJsonHandler() {
                return new ProtocolJsonHandler(getSupportedMethods());
            }
        };
        builder.setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(in)
                .setOutput(out)
                .setExecutorService(reader);
        ServerProtocol.configure(builder, server);
        Launcher<LanguageClient> launcher = builder.create();
        server.connect(launcher.getRemoteProxy());
        return launcher;
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
