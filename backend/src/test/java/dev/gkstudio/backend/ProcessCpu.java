package dev.gkstudio.backend;

import java.lang.management.ManagementFactory;

/**
 * CPU time of this JVM, which in a {@code @QuarkusTest} is also the server's: hardening tests bound the server's work
 * by it instead of by wall time, which a loaded machine stretches without the server doing more.
 */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    /** CPU milliseconds used by every thread of this process so far. */
    public static long millis() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1_000_000;
        }
        throw new IllegalStateException("this JVM does not report process CPU time");
    }
}
