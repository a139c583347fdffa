package dev.gkstudio.backend;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import dev.gkstudio.backend.eval.WorkspaceEvaluator;
import dev.gkstudio.backend.gallery.Gallery;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Evaluates the gallery policies a few times right after start-up, so the JIT has compiled the parser,
 * compiler, evaluator and the reply's JSON writing before the first user types: a cold first evaluation takes several hundred
 * milliseconds, a warm one a few. The Studio reports ready ({@code /q/health/ready}) once this is done, so
 * a Service sends no user to a cold replica. {@code gkstudio.warmup.rounds=0} turns it off.
 */
@Readiness
@ApplicationScoped
public class EngineWarmup implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(EngineWarmup.class);

    private final WorkspaceEvaluator evaluator;
    private final Gallery gallery;
    private final int rounds;
    private final long maxCpuMillis;
    private volatile boolean done;

    EngineWarmup(WorkspaceEvaluator evaluator, Gallery gallery,
                 @ConfigProperty(name = "gkstudio.warmup.rounds", defaultValue = "2") int rounds,
                 @ConfigProperty(name = "gkstudio.warmup.max-cpu-ms", defaultValue = "5000") long maxCpuMillis) {
        this.evaluator = evaluator;
        this.gallery = gallery;
        this.rounds = rounds;
        this.maxCpuMillis = maxCpuMillis;
    }

    void onStart(@Observes StartupEvent e) {
        if (rounds <= 0) {
            done = true;
            return;
        }
        Thread t = new Thread(this::run, "engine-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private void run() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        int evaluations = 0;
        try {
            outer:
            for (int round = 0; round < rounds; round++) {
                for (Gallery.Entry entry : gallery.catalog()) {
                    // bounded by CPU time: on a busy machine the warm-up must not hold readiness back for long
                    if ((mx.getCurrentThreadCpuTime() - cpu0) / 1_000_000 > maxCpuMillis) {
                        break outer;
                    }
                    // through the socket's own JSON reading and writing: both are part of the first result's time
                    String request = EvalProtocol.JSON.writeValueAsString(java.util.Map.of("type", "evaluate", "version", 0,
                            "workspace", gallery.open(entry.id()).workspace(), "coverage", round == 0));
                    EvalProtocol.Request r = EvalProtocol.JSON.readValue(request, EvalProtocol.Request.class);
                    EvalProtocol.JSON.writeValueAsString(evaluator.evaluate(0, r.workspace(), r.coverage()));
                    evaluations++;
                }
            }
            LOG.infof("Engine warmed up: %d evaluations of the gallery policies in %d ms", evaluations,
                    (System.nanoTime() - wall0) / 1_000_000);
        } catch (Exception ex) {
            // a gallery policy the engine cannot evaluate is a bug the gallery tests report; start anyway
            LOG.warnf("Engine warm-up stopped after %d evaluations: %s", evaluations, ex);
        } finally {
            done = true;
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("engine-warmup").status(done).build();
    }
}
