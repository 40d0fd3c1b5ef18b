package dev.gitops.processor.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The processor's per-stage timers ({@code documents.stage}, plus the queue wait) over one measured pass:
 * a snapshot before it, the difference after it, printed as count, mean and total seconds per stage.
 */
final class StageSplit {
    private record Totals(long count, double seconds) {}

    private final Map<String, Totals> before;

    private StageSplit(Map<String, Totals> before) {
        this.before = before;
    }

    static StageSplit of(MeterRegistry meters) {
        return new StageSplit(read(meters));
    }

    private static Map<String, Totals> read(MeterRegistry meters) {
        Map<String, Totals> out = new TreeMap<>();
        for (Timer t : meters.find("documents.stage").timers()) {
            out.put(t.getId().getTag("stage"), new Totals(t.count(), t.totalTime(TimeUnit.SECONDS)));
        }
        for (Timer t : meters.find("documents.queue.wait").timers()) {
            out.put("worker.queue.wait (publish to consume)", new Totals(t.count(), t.totalTime(TimeUnit.SECONDS)));
        }
        return out;
    }

    void print(String pass, MeterRegistry meters) {
        System.out.printf("stage split, %s (count, mean ms, total s summed over concurrent requests):%n", pass);
        read(meters).forEach((stage, after) -> {
            Totals b = before.getOrDefault(stage, new Totals(0, 0));
            long n = after.count() - b.count();
            double s = after.seconds() - b.seconds();
            if (n > 0) System.out.printf(java.util.Locale.ROOT, "  %-42s %6d %9.2f %9.2f%n", stage, n, s * 1000 / n, s);
        });
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
