package dev.gitops.processor.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Time spent per stage of a document's path ({@code documents_stage_seconds{stage}}): receive, S3 puts and
 * gets (encryption and decryption happen as the bytes stream, inside them), publish + confirm, parse. Lets an
 * operator or the benchmark see where an upload or a document spends its time.
 */
final class Stages {
    static final String METER = "documents.stage";

    private final MeterRegistry meters;

    Stages(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Starts timing; {@link Lap#stop(String)} records the elapsed time under a stage. */
    Lap start() {
        return new Lap(System.nanoTime());
    }

    final class Lap {
        private long from;

        private Lap(long from) {
            this.from = from;
        }

        /** Records the time since the start or the previous stop under {@code stage}, and restarts. */
        void stop(String stage) {
            long now = System.nanoTime();
            Timer.builder(METER).tag("stage", stage).description("Time spent in one stage of a document's path")
                    .register(meters).record(now - from, TimeUnit.NANOSECONDS);
            from = now;
        }
    }
}
