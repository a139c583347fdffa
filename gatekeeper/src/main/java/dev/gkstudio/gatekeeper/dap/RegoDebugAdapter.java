package dev.gkstudio.gatekeeper.dap;

import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.PreparedPolicy;
import dev.gkstudio.rego.PreparedQuery;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.result.RegoException;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.debug.Breakpoint;
import dev.gkstudio.rego.debug.DebugConfig;
import dev.gkstudio.rego.debug.DebugListener;
import dev.gkstudio.rego.debug.DebugOutcome;
import dev.gkstudio.rego.debug.DebugSession;
import dev.gkstudio.rego.debug.Pause;
import dev.gkstudio.rego.debug.StepMode;
import dev.gkstudio.rego.debug.ValuePages;
import dev.gkstudio.rego.debug.Watch;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.Value;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadsResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Debug Adapter Protocol over a {@link DebugSession}: one launch evaluates one query or unit test of a set of
 * .rego files, on one thread ({@code id 1}). Breakpoints are keyed by the absolute path of the file, which is also
 * the name the files are compiled under, so trace locations map back to editor paths without a table.
 */
public final class RegoDebugAdapter implements IDebugProtocolServer {
    private static final int THREAD = 1;
    private static final int PAGE = 100;

    private IDebugProtocolClient client;
    private final Map<String, List<Breakpoint>> breakpoints = new ConcurrentHashMap<>();
    private final Handles handles = new Handles();
    private final DebugConfig defaults;
    private boolean linesStartAt1 = true;
    private LaunchConfig launch;
    private PreparedQuery query;
    private EvalOptions options;
    private volatile DebugSession session;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    public RegoDebugAdapter(DebugConfig defaults) {
        this.defaults = defaults;
    }

    public void connect(IDebugProtocolClient c) {
        this.client = c;
    }

    /** Completes when the client disconnected (after the end, clients send {@code disconnect}). */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    @Override
    public CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
        if (args.getLinesStartAt1() != null) linesStartAt1 = args.getLinesStartAt1();
        Capabilities c = new Capabilities();
        c.setSupportsConfigurationDoneRequest(true);
        c.setSupportsConditionalBreakpoints(true);
        c.setSupportsEvaluateForHovers(true);
        c.setSupportsTerminateRequest(true);
        return CompletableFuture.completedFuture(c);
    }

    @Override
    public CompletableFuture<Void> launch(Map<String, Object> args) {
        try {
            launch = LaunchConfig.from(args);
            PreparedPolicy policy = compile(launch);
            String q = launch.query() != null ? launch.query() : testQuery(policy, launch.test());
            query = prepare(policy, q);
            options = EvalOptions.builder()
                    .input(launch.input() == null ? null : load(launch.input()))
                    .data(launch.data() == null ? null : load(launch.data()))
                    .maxSteps(50_000_000)
                    .maxOutputBytes(64L << 20)
                    .build();
        } catch (IllegalArgumentException | RegoException e) {
            return failed(e.getMessage());
        }
        client.initialized();
        return CompletableFuture.completedFuture(null);
    }

    private static PreparedPolicy compile(LaunchConfig l) {
        List<SourceFile> files = new ArrayList<>();
        for (Path p : l.policyFiles()) {
            try {
                files.add(new SourceFile(p.toString(), Files.readString(p)));
            } catch (IOException e) {
                throw new IllegalArgumentException("launch: cannot read " + p + ": " + e.getMessage());
            }
        }
        CompileResult r;
        if (l.regoVersion() != null) {
            r = Rego.compile(files, l.regoVersion().equals("v0") ? RegoVersion.V0 : RegoVersion.V1);
        } else {
            r = Rego.compile(files, RegoVersion.V1);
            if (!r.ok()) {
                CompileResult v0 = Rego.compile(files, RegoVersion.V0);
                if (v0.ok()) r = v0;
            }
        }
        if (!r.ok()) {
            StringBuilder sb = new StringBuilder("launch: the policies do not compile:");
            for (Diagnostic d : r.diagnostics()) sb.append('\n').append(d);
            throw new IllegalArgumentException(sb.toString());
        }
        return r.policy();
    }

    /** A query that is one term reports its value (as {@code opa eval} does), others their variables. */
    private static PreparedQuery prepare(PreparedPolicy policy, String q) {
        try {
            return policy.prepare("result := (" + q + ")");
        } catch (RegoException notATerm) {
            return policy.prepare(q);
        }
    }

    private static String testQuery(PreparedPolicy policy, String test) {
        if (test.startsWith("data.")) return test;
        for (Module m : policy.modules()) {
            for (Rule r : m.rules()) {
                if (test.equals(r.head().name())) return m.pkg().path() + "." + test;
            }
        }
        throw new IllegalArgumentException("launch: no test rule named " + test);
    }

    private static Value load(Path p) {
        try {
            return new YamlLoader().loadOne(Files.readString(p)).value();
        } catch (IOException e) {
            throw new IllegalArgumentException("launch: cannot read " + p + ": " + e.getMessage());
        } catch (YamlException e) {
            throw new IllegalArgumentException("launch: " + p + ": " + e.getMessage());
        }
    }

    @Override
    public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
        String path = args.getSource() == null || args.getSource().getPath() == null ? ""
                : Path.of(args.getSource().getPath()).toAbsolutePath().normalize().toString();
        List<Breakpoint> list = new ArrayList<>();
        List<org.eclipse.lsp4j.debug.Breakpoint> out = new ArrayList<>();
        boolean known = launch == null || launch.policyFiles().stream().anyMatch(p -> p.toString().equals(path));
        if (args.getBreakpoints() != null) {
            for (SourceBreakpoint sb : args.getBreakpoints()) {
                int line = linesStartAt1 ? sb.getLine() : sb.getLine() + 1;
                list.add(new Breakpoint(path, line, sb.getCondition()));
                org.eclipse.lsp4j.debug.Breakpoint b = new org.eclipse.lsp4j.debug.Breakpoint();
                b.setVerified(known);
                b.setLine(sb.getLine());
                if (!known) b.setMessage("not one of the launched policy files");
                out.add(b);
            }
        }
        breakpoints.put(path, list);
        DebugSession s = session;
        if (s != null) s.setBreakpoints(path, list);
        SetBreakpointsResponse r = new SetBreakpointsResponse();
        r.setBreakpoints(out.toArray(new org.eclipse.lsp4j.debug.Breakpoint[0]));
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
        if (query == null) return failed("configurationDone before a successful launch");
        List<Breakpoint> all = new ArrayList<>();
        breakpoints.values().forEach(all::addAll);
        DebugConfig cfg = defaults.withStopOnEntry(launch.stopOnEntry()).withStopOnFail(launch.stopOnFail());
        session = DebugSession.start(query, options, cfg, all, new Listener());
        return CompletableFuture.completedFuture(null);
    }

    private final class Listener implements DebugListener {
        @Override
        public void stopped(Pause pause) {
            StoppedEventArguments e = new StoppedEventArguments();
            e.setThreadId(THREAD);
            e.setAllThreadsStopped(true);
            e.setReason(switch (pause.reason()) {
                case "breakpoint" -> StoppedEventArgumentsReason.BREAKPOINT;
                case "entry" -> StoppedEventArgumentsReason.ENTRY;
                case "fail" -> StoppedEventArgumentsReason.EXCEPTION;
                default -> StoppedEventArgumentsReason.STEP;
            });
            if (!pause.detail().isEmpty()) e.setText(pause.detail());
            e.setDescription(pause.top().text());
            client.stopped(e);
        }

        @Override
        public void terminated(DebugOutcome o) {
            output(report(o.result(), o.message()));
            client.terminated(new TerminatedEventArguments());
            ExitedEventArguments x = new ExitedEventArguments();
            x.setExitCode(o.result().error() == null ? 0 : 1);
            client.exited(x);
        }
    }

    private String report(EvalResult r, String message) {
        StringBuilder sb = new StringBuilder();
        if (message != null) sb.append(message).append('\n');
        else if (r.error() != null) sb.append(r.error()).append('\n');
        if (launch.test() != null && message == null) {
            boolean pass = r.error() == null && !r.bindings().isEmpty();
            sb.append(launch.test()).append(pass ? ": PASS" : ": FAIL").append('\n');
        } else if (r.error() == null) {
            sb.append(r.bindings().isEmpty() ? "undefined" : ValuePages.preview(rows(r), 4000)).append('\n');
        }
        return sb.toString();
    }

    private static Value rows(EvalResult r) {
        List<Value> rows = new ArrayList<>();
        for (Map<String, Value> row : r.bindings()) {
            ObjectValue.Builder b = ObjectValue.builder();
            row.forEach(b::put);
            rows.add(b.build());
        }
        return ArrayValue.of(rows);
    }

    private void output(String text) {
        OutputEventArguments o = new OutputEventArguments();
        o.setCategory(OutputEventArgumentsCategory.CONSOLE);
        o.setOutput(text);
        client.output(o);
    }

    @Override
    public CompletableFuture<ThreadsResponse> threads() {
        Thread t = new Thread();
        t.setId(THREAD);
        t.setName("rego evaluation");
        ThreadsResponse r = new ThreadsResponse();
        r.setThreads(new Thread[]{t});
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        Pause p = pause();
        if (p == null) return failed("not stopped");
        List<StackFrame> frames = new ArrayList<>();
        for (dev.gkstudio.rego.debug.StackFrame f : p.frames()) {
            StackFrame sf = new StackFrame();
            sf.setId(f.index() + 1);
            sf.setName(f.name());
            if (!f.location().file().isEmpty()) {
                Source src = new Source();
                src.setPath(f.location().file());
                src.setName(Path.of(f.location().file()).getFileName().toString());
                sf.setSource(src);
            }
            int off = linesStartAt1 ? 0 : 1;
            sf.setLine(Math.max(0, f.location().startLine() - off));
            sf.setColumn(Math.max(0, f.location().startCol() - off));
            sf.setEndLine(f.location().endLine() - off);
            sf.setEndColumn(f.location().endCol() - off);
            frames.add(sf);
        }
        StackTraceResponse r = new StackTraceResponse();
        r.setStackFrames(frames.toArray(new StackFrame[0]));
        r.setTotalFrames(frames.size());
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        Pause p = pause();
        int i = args.getFrameId() - 1;
        if (p == null || i < 0 || i >= p.frames().size()) return failed("no frame " + args.getFrameId());
        ObjectValue.Builder locals = ObjectValue.builder();
        new TreeMap<>(p.frames().get(i).locals()).forEach(locals::put);
        ScopesResponse r = new ScopesResponse();
        r.setScopes(new Scope[]{
                scope("Locals", locals.build(), false),
                scope("Input", p.input() == null ? ObjectValue.EMPTY : p.input(), true),
                scope("Data", p.data(), true)});
        return CompletableFuture.completedFuture(r);
    }

    private Scope scope(String name, Value v, boolean expensive) {
        Scope s = new Scope();
        s.setName(name);
        s.setVariablesReference(ValuePages.size(v) == 0 ? 0 : handles.add(v));
        s.setNamedVariables(v instanceof ObjectValue ? ValuePages.size(v) : null);
        s.setIndexedVariables(v instanceof ObjectValue ? null : ValuePages.size(v));
        s.setExpensive(expensive);
        return s;
    }

    @Override
    public CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        Value v = handles.get(args.getVariablesReference());
        if (v == null) return failed("unknown variablesReference " + args.getVariablesReference());
        int start = args.getStart() == null ? 0 : args.getStart();
        int count = args.getCount() == null || args.getCount() <= 0 ? PAGE : Math.min(args.getCount(), 10_000);
        List<Variable> out = new ArrayList<>();
        for (ValuePages.Child c : ValuePages.page(v, start, count)) out.add(variable(c.name(), c.value()));
        VariablesResponse r = new VariablesResponse();
        r.setVariables(out.toArray(new Variable[0]));
        return CompletableFuture.completedFuture(r);
    }

    private Variable variable(String name, Value v) {
        Variable var = new Variable();
        var.setName(name);
        var.setValue(ValuePages.preview(v, 200));
        var.setType(v.typeName());
        int n = ValuePages.size(v);
        var.setVariablesReference(n == 0 ? 0 : handles.add(v));
        if (v instanceof ArrayValue || v instanceof SetValue) var.setIndexedVariables(n);
        else if (v instanceof ObjectValue) var.setNamedVariables(n);
        return var;
    }

    @Override
    public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        DebugSession s = session;
        if (s == null || s.pause() == null) return failed("not stopped");
        int frame = args.getFrameId() == null ? 0 : args.getFrameId() - 1;
        Watch.Result w = s.evaluate(args.getExpression(), frame);
        if (w.error() != null) return failed(w.error());
        EvaluateResponse r = new EvaluateResponse();
        Value v = w.value();
        r.setResult(v == null ? "undefined" : ValuePages.preview(v, 2000));
        r.setType(v == null ? "undefined" : v.typeName());
        r.setVariablesReference(v == null || ValuePages.size(v) == 0 ? 0 : handles.add(v));
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
        resume(StepMode.CONTINUE);
        ContinueResponse r = new ContinueResponse();
        r.setAllThreadsContinued(true);
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<Void> next(NextArguments args) {
        resume(StepMode.STEP_OVER);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> stepIn(StepInArguments args) {
        resume(StepMode.STEP_INTO);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> stepOut(StepOutArguments args) {
        resume(StepMode.STEP_OUT);
        return CompletableFuture.completedFuture(null);
    }

    private void resume(StepMode m) {
        handles.clear();
        DebugSession s = session;
        if (s != null) s.resume(m);
    }

    @Override
    public CompletableFuture<Void> terminate(TerminateArguments args) {
        DebugSession s = session;
        if (s != null) s.stop();
        else finished.complete(null);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectArguments args) {
        DebugSession s = session;
        if (s != null) s.stop();
        // the response is written after this method returns: end the connection only once it is out
        CompletableFuture.runAsync(() -> finished.complete(null),
                CompletableFuture.delayedExecutor(200, java.util.concurrent.TimeUnit.MILLISECONDS));
        return CompletableFuture.completedFuture(null);
    }

    private Pause pause() {
        DebugSession s = session;
        return s == null ? null : s.pause();
    }

    private static <T> CompletableFuture<T> failed(String message) {
        CompletableFuture<T> f = new CompletableFuture<>();
        f.completeExceptionally(new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidRequest, message, null)));
        return f;
    }

    /** Session defaults for a desktop editor: a generous idle limit (the user may read code for a while). */
    public static DebugConfig desktopDefaults() {
        return DebugConfig.DEFAULT.withRunBudget(Duration.ofSeconds(30)).withIdleLimit(Duration.ofHours(1));
    }

}
