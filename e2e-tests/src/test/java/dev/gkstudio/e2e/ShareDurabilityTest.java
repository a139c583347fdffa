package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A 201 from {@code POST /api/share} means the share is on disk: the packaged Studio is killed with SIGKILL in the
 * middle of a burst of shares, started again on the same data directory, and every id it acknowledged resolves.
 * Also checks what the embedded database leaves on disk: an owner-only directory and no database listener.
 */
class ShareDurabilityTest {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 150;
    private static final int SENDERS = 6;

    @Test
    void everyAcknowledgedShareSurvivesKill9() throws Exception {
        Path app = Path.of(System.getProperty("studio.app"));
        Path log = Path.of(System.getProperty("studio.log")).resolveSibling("studio-durability.log");
        Path data = Files.createTempDirectory(Path.of("target"), "durability-").resolve("nested/data");
        List<String> options = List.of("-Dgkstudio.data-dir=" + data.toAbsolutePath(),
                "-Dgkstudio.share.rate-limit.requests=1000000");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger count = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        StudioProcess studio = StudioProcess.start(app, log, options);
        try {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)),
                    "the data directory is created owner-only");
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < SENDERS; t++) {
                int sender = t;
                Thread th = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        HttpRequest post = HttpRequest.newBuilder(studio.baseUri.resolve("api/share"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(workspace(sender + "-" + i))).build();
                        try {
                            HttpResponse<String> r = http.send(post, HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 201) {
                                acknowledged.add(id(r.body()));
                                if (count.incrementAndGet() >= ACKNOWLEDGED_BEFORE_KILL) enough.countDown();
                            }
                        } catch (IOException killed) {
                            return; // the process is gone: nothing after this was acknowledged
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                th.start();
                senders.add(th);
            }
            assertTrue(enough.await(120, TimeUnit.SECONDS), "the burst did not reach " + ACKNOWLEDGED_BEFORE_KILL
                    + " shares; see " + log);
            studio.kill(); // while the senders are still sending
            stop.set(true);
            for (Thread th : senders) th.join(30_000);
        } finally {
            stop.set(true);
            studio.close();
        }

        List<String> ids = List.copyOf(acknowledged);
        try (StudioProcess restarted = StudioProcess.start(app, log, options)) {
            List<String> lost = new ArrayList<>();
            for (String id : ids) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(restarted.baseUri.resolve("api/share/" + id)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) lost.add(id + " (" + r.statusCode() + ")");
            }
            assertEquals(List.of(), lost, "acknowledged shares lost by kill -9, of " + ids.size());
            assertNoDatabaseListener(data);
        }
    }

    /** H2's AUTO_SERVER mode writes its TCP listener's address and key ("server=", "id=") into the lock file. */
    private static void assertNoDatabaseListener(Path data) throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".lock.db")).toList()) {
                assertFalse(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains("server="),
                        f + " names a database server");
            }
        }
    }

    private static String id(String body) {
        int i = body.indexOf("\"id\":\"") + 6;
        return body.substring(i, body.indexOf('"', i));
    }

    private static String workspace(String nonce) {
        String rego = "package k8srequiredlabels\\n\\nviolation[{\\\"msg\\\": \\\"no owner\\\"}] {\\n  not input.review.object.metadata.labels.owner\\n}\\n";
        return "{\"template\":{\"rego\":\"" + rego + "\",\"libs\":[],\"regoVersion\":\"v0\",\"kind\":\"K8sRequiredLabels\","
                + "\"name\":\"k8srequiredlabels\",\"schema\":\"\",\"annotations\":{}},"
                + "\"constraints\":\"\",\"samples\":\"# burst " + nonce + "\\n\",\"inventory\":\"\",\"settings\":{}}";
    }
}
