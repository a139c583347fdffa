package dev.gkstudio.gatekeeper.gator;

import dev.gkstudio.gatekeeper.client.GatekeeperClient;
import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.client.TemplateCompiler;
import dev.gkstudio.gatekeeper.constraint.EnforcementActions;
import dev.gkstudio.gatekeeper.engine.EvalOptions;
import dev.gkstudio.gatekeeper.engine.RegoEngine;
import dev.gkstudio.gatekeeper.review.Review;
import dev.gkstudio.gatekeeper.review.ReviewBuilder;
import dev.gkstudio.gatekeeper.template.ConstraintTemplate;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.rego.value.ObjectValue;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code gator bench}: templates and constraints are loaded for one engine (templates the engine cannot run are
 * skipped), then every other object is reviewed {@code iterations} times after {@code warmup} rounds; latency is
 * per review, throughput is reviews over the measured wall time.
 */
public final class GatorBench {
    private GatorBench() {
    }

    /** The options of one run. */
    public record Opts(int iterations, int warmup, int concurrency, boolean memory) {
    }

    /** Latency percentiles in nanoseconds. */
    public record Latencies(long min, long max, long mean, long p50, long p95, long p99) {
    }

    /** Results for one engine, as gator's Results. */
    public record Results(String engine, int templateCount, int constraintCount, int objectCount, int iterations,
                          int concurrency, long setupNs, long clientNs, long templateNs, long constraintNs, long dataNs,
                          long totalNs, Latencies latencies, long violationCount, double reviewsPerSecond,
                          List<String> skippedTemplates, List<String> skippedConstraints, Long bytesPerReview) {
    }

    public static Results run(List<YamlDocument> docs, RegoEngine rego, String engine, Opts o) throws GatorError {
        boolean cel = engine.equals("cel");
        long t0 = System.nanoTime();
        GatekeeperClient client = new GatekeeperClient(new TemplateCompiler(rego, cel), EnforcementActions.GATOR);
        long t1 = System.nanoTime();
        List<String> skippedTemplates = new ArrayList<>(), skippedConstraints = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (YamlDocument d : docs) {
            if (!TemplateReader.isTemplate(d.value())) continue;
            ConstraintTemplate t = TemplateReader.read(d);
            boolean runs = !t.targets().isEmpty() && (cel ? t.targets().get(0).cel() != null : t.targets().get(0).rego() != null);
            if (!runs) {
                skippedTemplates.add(t.name());
                continue;
            }
            try {
                client.addTemplate(t);
                kinds.add(t.kind());
            } catch (GatekeeperException e) {
                throw new GatorError("adding template \"" + t.name() + "\": " + e.getMessage());
            }
        }
        long t2 = System.nanoTime();
        int constraints = 0;
        for (YamlDocument d : docs) {
            if (!"constraints.gatekeeper.sh".equals(Obj.groupVersion(d.value())[0])) continue;
            if (!kinds.contains(Obj.kind(d.value()))) {
                skippedConstraints.add(Obj.name(d.value()));
                continue;
            }
            try {
                client.addConstraint((ObjectValue) d.value(), d.positions());
                constraints++;
            } catch (GatekeeperException e) {
                throw new GatorError("adding constraint \"" + Obj.name(d.value()) + "\": " + e.getMessage());
            }
        }
        long t3 = System.nanoTime();
        List<Review> reviews = new ArrayList<>();
        for (YamlDocument d : docs) {
            if (TemplateReader.isTemplate(d.value()) || "constraints.gatekeeper.sh".equals(Obj.groupVersion(d.value())[0])) continue;
            client.addData(d.value());
            reviews.add(ReviewBuilder.fromObject(d.value(), null, "Original"));
        }
        long t4 = System.nanoTime();
        if (reviews.isEmpty()) throw new GatorError("no objects to review");
        for (int i = 0; i < o.warmup(); i++) for (Review r : reviews) review(client, r);
        long[] lat = new long[o.iterations() * reviews.size()];
        AtomicLong violations = new AtomicLong();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocBefore = o.memory() ? threads.getCurrentThreadAllocatedBytes() : 0;
        long start = System.nanoTime();
        if (o.concurrency() <= 1) {
            int k = 0;
            for (int i = 0; i < o.iterations(); i++) {
                for (Review r : reviews) {
                    long s = System.nanoTime();
                    violations.addAndGet(review(client, r));
                    lat[k++] = System.nanoTime() - s;
                }
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(o.concurrency());
            try {
                List<Future<?>> fs = new ArrayList<>();
                AtomicLong next = new AtomicLong();
                for (int w = 0; w < o.concurrency(); w++) {
                    fs.add(pool.submit(() -> {
                        for (long k; (k = next.getAndIncrement()) < lat.length; ) {
                            long s = System.nanoTime();
                            violations.addAndGet(review(client, reviews.get((int) (k % reviews.size()))));
                            lat[(int) k] = System.nanoTime() - s;
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) f.get();
            } catch (Exception e) {
                throw new GatorError("benchmark failed: " + e.getMessage());
            } finally {
                pool.shutdownNow();
            }
        }
        long total = System.nanoTime() - start;
        Long bytes = o.memory() && o.concurrency() <= 1 ? (threads.getCurrentThreadAllocatedBytes() - allocBefore) / lat.length : null;
        long[] sorted = lat.clone();
        Arrays.sort(sorted);
        long sum = 0;
        for (long l : sorted) sum += l;
        Latencies l = new Latencies(sorted[0], sorted[sorted.length - 1], sum / sorted.length, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99));
        return new Results(engine, kinds.size(), constraints, reviews.size(), o.iterations(), o.concurrency(), t4 - t0,
                t1 - t0, t2 - t1, t3 - t2, t4 - t3, total, l, violations.get() / o.iterations(),
                lat.length / (total / 1e9), skippedTemplates, skippedConstraints, bytes);
    }

    private static long pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static int review(GatekeeperClient client, Review r) throws GatorError {
        try {
            return client.review(r, EvalOptions.DEFAULT).results().size();
        } catch (GatekeeperException e) {
            throw new GatorError("reviewing " + Obj.name(r.object()) + ": " + e.getMessage());
        }
    }

    /** Go's time.Duration.String(). */
    public static String goDuration(long ns) {
        if (ns == 0) return "0s";
        if (ns < 1_000) return ns + "ns";
        if (ns < 1_000_000) return trim(ns / 1e3) + "µs";
        if (ns < 1_000_000_000) return trim(ns / 1e6) + "ms";
        long s = ns / 1_000_000_000L;
        long h = s / 3600, m = (s % 3600) / 60;
        double sec = (ns % 60_000_000_000L) / 1e9;
        return (h > 0 ? h + "h" : "") + (h > 0 || m > 0 ? m + "m" : "") + trim(sec) + "s";
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.9f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** gator's formatDuration for the table. */
    public static String tableDuration(long ns) {
        if (ns < 1_000) return ns + "ns";
        if (ns < 1_000_000) return String.format(Locale.ROOT, "%.2fµs", ns / 1e3);
        if (ns < 1_000_000_000) return String.format(Locale.ROOT, "%.2fms", ns / 1e6);
        return String.format(Locale.ROOT, "%.3fs", ns / 1e9);
    }
}
