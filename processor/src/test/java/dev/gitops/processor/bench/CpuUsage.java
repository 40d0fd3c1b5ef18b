package dev.gitops.processor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * CPU consumed over one measured pass: this JVM (processor, S3Proxy and the benchmark's clients), the local
 * RabbitMQ node, and the whole machine (which other users share), from /proc. Shows whether a pass was
 * bound by CPU and what one document or upload costs in CPU time.
 */
final class CpuUsage {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final long startNanos = System.nanoTime();
    private final long jvmNanos = jvmCpuNanos();
    private final Optional<ProcessHandle> rabbit = ProcessHandle.allProcesses()
            .filter(p -> p.info().command().map(c -> c.endsWith("beam.smp")).orElse(false)).findFirst();
    private final long rabbitTicks = rabbit.map(CpuUsage::ticks).orElse(0L);
    private final long[] machine = machineTicks();

    static CpuUsage start() {
        return new CpuUsage();
    }

    /** What a pass cost: CPU seconds of each part, the machine's busy share, CPU milliseconds per item. */
    record Result(double wall, double jvm, double broker, double busyPercent, int cores, double others,
                  double msPerItem, String unit) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "CPU over %.2f s wall: this JVM %.2f s, RabbitMQ %.2f s, machine busy %.0f%% of %d"
                    + " cores (others %.2f s); %.1f ms CPU (JVM + RabbitMQ) per %s", wall, jvm, broker, busyPercent, cores,
                    others, msPerItem, unit);
        }
    }

    Result stop(long items, String unit) {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        double jvm = (jvmCpuNanos() - jvmNanos) / 1e9;
        double broker = rabbit.map(p -> (ticks(p) - rabbitTicks) / TICKS_PER_SECOND).orElse(0.0);
        long[] now = machineTicks();
        double busy = (now[0] - machine[0]) / TICKS_PER_SECOND;
        double all = (now[1] - machine[1]) / TICKS_PER_SECOND;
        return new Result(wall, jvm, broker, all == 0 ? 0 : 100 * busy / all, Runtime.getRuntime().availableProcessors(),
                Math.max(0, busy - jvm - broker), 1000 * (jvm + broker) / items, unit);
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long ticks(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** {busy, total} ticks of all cores. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) total += Long.parseLong(f[i]);
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
