package dev.gkstudio.gatekeeper.cli;

import dev.gkstudio.gatekeeper.dap.RegoDebugAdapter;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** {@code gkstudio debug-adapter}: the Rego debugger over the Debug Adapter Protocol on stdin/stdout. */
@Command(name = "debug-adapter", description = "Debug Adapter Protocol server on stdio (VS Code, nvim-dap): "
        + "launch with policies, input and a query or test name.")
public final class DebugAdapterCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        PrintStream protocol = System.out;
        // stdout carries the protocol: anything else printed there would corrupt it
        System.setOut(System.err);
        RegoDebugAdapter adapter = new RegoDebugAdapter(RegoDebugAdapter.desktopDefaults());
        Launcher<IDebugProtocolClient> launcher = DSPLauncher.createServerLauncher(adapter, System.in, protocol);
        adapter.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        adapter.finished().whenComplete((v, e) -> listening.cancel(true));
        try {
            listening.get();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // the client closed the stream or the session ended: both are a normal end
        }
        protocol.flush();
        return 0;
    }
}
