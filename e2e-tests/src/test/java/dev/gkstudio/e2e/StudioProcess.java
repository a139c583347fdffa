package dev.gkstudio.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged Studio ({@code quarkus-run.jar}) running as a child process on a free port. */
final class StudioProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    final URI baseUri;

    private StudioProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.baseUri = URI.create("http://localhost:" + port + "/");
    }

    static StudioProcess start(Path app, Path log) throws IOException, InterruptedException {
        return start(app, log, List.of(), Map.of());
    }

    /** Starts the Studio with extra JVM options (e.g. {@code -Dgkstudio.data-dir=...}). */
    static StudioProcess start(Path app, Path log, List<String> jvmOptions) throws IOException, InterruptedException {
        return start(app, log, jvmOptions, Map.of());
    }

    /** As {@link #start(Path, Path)}, with extra environment variables (e.g. {@code QUARKUS_PROFILE}). */
    static StudioProcess start(Path app, Path log, Map<String, String> env) throws IOException, InterruptedException {
        return start(app, log, List.of(), env);
    }

    static StudioProcess start(Path app, Path log, List<String> jvmOptions, Map<String, String> env)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing: build the backend first "
                    + "(mvn -B -pl backend,e2e-tests -am verify)");
        }
        Files.createDirectories(log.getParent());
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Dquarkus.http.port=" + port));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", app.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        StudioProcess studio = new StudioProcess(process, log, port);
        try {
            studio.awaitHealthy();
        } catch (RuntimeException | InterruptedException e) {
            studio.close();
            throw e;
        }
        return studio;
    }

    private void awaitHealthy() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(baseUri.resolve("q/health")).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Studio exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the Studio was not healthy within " + STARTUP_TIMEOUT + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Ends the process the way a crash or an OOM killer does: SIGKILL, no shutdown hooks. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
