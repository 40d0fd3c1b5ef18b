package dev.gitops.processor.bench;

import dev.gitops.processor.App;
import dev.gitops.processor.config.ProcessorConfig;
import dev.gitops.processor.extract.Extraction;
import dev.gitops.processor.extract.Extractor;
import dev.gitops.processor.support.ApiClient;
import dev.gitops.processor.support.Fixtures;
import dev.gitops.processor.support.TestEnvironment;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark (not a test): run by bench/processor.sh, only against localhost.
 * <ol>
 *   <li>Throughput: a corpus of mixed documents through the whole pipeline (HTTP upload, encryption,
 *       S3Proxy, RabbitMQ, worker, Tika, encrypted results) versus the same documents through the same
 *       in-process extractor alone, with the same number of extraction threads. The ratio is the overhead.</li>
 *   <li>Upload latency: 1 MiB documents from 32 concurrent clients against an API instance (workers run
 *       in their own pods in production, so none runs here); p50/p99 measured by the clients.</li>
 * </ol>
 * With {@code -Dbench.prefetch=1,2,4,8} it measures only the end-to-end throughput for each consumer prefetch;
 * {@code -Dbench.worker.prefetch=N} sets it for the main run (default: the processor's default).
 */
public final class ProcessorBenchmark {
    private record Doc(String type, byte[] body) {}

    public static void main(String[] args) throws Exception {
        int corpusSize = Integer.parseInt(System.getProperty("bench.corpus", "240"));
        int threads = Integer.parseInt(System.getProperty("bench.threads", "2"));
        int clients = Integer.parseInt(System.getProperty("bench.clients", "32"));
        int uploads = Integer.parseInt(System.getProperty("bench.uploads", "640"));
        int inFlight = Integer.parseInt(System.getProperty("bench.worker.concurrency", String.valueOf(threads)));
        List<Doc> corpus = corpus(corpusSize);
        long bytes = corpus.stream().mapToLong(d -> d.body().length).sum();
        System.out.printf(Locale.ROOT, "corpus: %d documents (pdf, docx, html, text, png), %.1f MiB, extraction threads: %d%n",
                corpus.size(), bytes / 1048576.0, threads);

        String prefetchSweep = System.getProperty("bench.prefetch", "");
        if (!prefetchSweep.isBlank()) {
            for (String p : prefetchSweep.split(",")) {
                int prefetch = Integer.parseInt(p.trim());
                System.out.printf(Locale.ROOT, "worker concurrency %d, prefetch %d: end-to-end %.1f docs/s%n", inFlight,
                        prefetch, endToEnd(corpus, inFlight, prefetch).docsPerSecond());
            }
            return;
        }
        System.out.println("load average before raw Tika: " + StageSplit.loadAverage());
        Pass raw = rawTika(corpus, threads);
        System.out.println("load average before end-to-end: " + StageSplit.loadAverage());
        int prefetch = Integer.parseInt(System.getProperty("bench.worker.prefetch", "0"));
        Pass e2e = endToEnd(corpus, inFlight, prefetch);
        Uploads upload = uploadLatency(clients, uploads);
        System.out.printf(Locale.ROOT, "%n== summary (load average now %s) ==%n", StageSplit.loadAverage());
        System.out.printf(Locale.ROOT, "raw in-process Tika:  %.1f docs/s, %.1f ms CPU per document%n", raw.docsPerSecond(),
                raw.cpu().msPerItem());
        System.out.printf(Locale.ROOT, "end-to-end pipeline:  %.1f docs/s, %.1f ms CPU per document (worker concurrency %d, prefetch %s)%n",
                e2e.docsPerSecond(), e2e.cpu().msPerItem(), inFlight, prefetch > 0 ? String.valueOf(prefetch) : "default");
        double ratio = e2e.docsPerSecond() / raw.docsPerSecond();
        System.out.printf(Locale.ROOT, "ratio end-to-end/raw: %.2f (goal >= 0.9: %s); CPU-bound ceiling on the same cores"
                        + " (raw CPU per document / pipeline CPU per document): %.2f%n", ratio, ratio >= 0.9 ? "met" : "not met",
                raw.cpu().msPerItem() / e2e.cpu().msPerItem());
        System.out.printf(Locale.ROOT, "upload 1 MiB, %d clients: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (goal p99 <= 100 ms: %s);"
                        + " %.1f ms CPU per upload, so on %d cores the mean latency of %d closed-loop clients is at least %.0f ms%n",
                clients, upload.p50() / 1e6, upload.p95() / 1e6, upload.p99() / 1e6, upload.p99() <= 100_000_000L ? "met" : "not met",
                upload.cpu().msPerItem(), upload.cpu().cores(), clients, clients * upload.cpu().msPerItem() / upload.cpu().cores());
    }

    /** A measured pass: its throughput and what it cost in CPU. */
    record Pass(double docsPerSecond, CpuUsage.Result cpu) {}

    /** The concurrent upload run: latency percentiles (nanoseconds) and what it cost in CPU. */
    record Uploads(long p50, long p95, long p99, CpuUsage.Result cpu) {}

    static List<Doc> corpus(int n) throws Exception {
        Random random = new Random(42);
        List<Doc> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String words = paragraph(random, 200 + random.nextInt(2000));
            docs.add(switch (i % 5) {
                case 0 -> new Doc("application/pdf", Fixtures.pdf(words.substring(0, Math.min(80, words.length())),
                        "page two " + i, "page three " + i));
                case 1 -> new Doc("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Fixtures.docx(words));
                case 2 -> new Doc("text/html", ("<html><head><title>doc " + i + "</title></head><body><p>" + words
                        + "</p></body></html>").getBytes(StandardCharsets.UTF_8));
                case 3 -> new Doc("text/plain", words.getBytes(StandardCharsets.UTF_8));
                default -> new Doc("image/png", Fixtures.png(200 + random.nextInt(400), 100 + random.nextInt(300)));
            });
        }
        return docs;
    }

    private static String paragraph(Random random, int words) {
        String[] vocabulary = {"document", "encrypted", "storage", "queue", "worker", "tenant", "gateway", "cluster",
                "rollout", "canary", "extraction", "metadata", "invoice", "contract", "report", "summary"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) b.append(vocabulary[random.nextInt(vocabulary.length)]).append(i % 12 == 11 ? ". " : " ");
        return b.toString();
    }

    static Pass rawTika(List<Doc> corpus, int threads) throws Exception {
        ProcessorConfig.Extraction limits = ProcessorConfig.from(java.util.Map.of("PROCESSOR_S3_BUCKET", "x")).extraction();
        try (Extractor extractor = new Extractor(limits, threads);
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            run(extractor, pool, corpus); // warm-up pass
            CpuUsage cpu = CpuUsage.start();
            long start = System.nanoTime();
            run(extractor, pool, corpus);
            double docsPerSecond = corpus.size() / ((System.nanoTime() - start) / 1e9);
            CpuUsage.Result used = cpu.stop(corpus.size(), "document");
            System.out.println("raw Tika pass: " + used);
            return new Pass(docsPerSecond, used);
        }
    }

    private static void run(Extractor extractor, ExecutorService pool, List<Doc> corpus) throws Exception {
        List<Future<Extraction>> results = new ArrayList<>();
        for (Doc d : corpus) results.add(pool.submit(() -> extractor.extract(new ByteArrayInputStream(d.body()))));
        for (Future<Extraction> f : results) {
            if (!(f.get() instanceof Extraction.Success)) throw new IllegalStateException("extraction failed: " + f.get());
        }
    }

    static Pass endToEnd(List<Doc> corpus, int threads, int prefetch) throws Exception {
        TestEnvironment environment = new TestEnvironment().set("PROCESSOR_WORKER_CONCURRENCY", String.valueOf(threads));
        if (prefetch > 0) environment.set("PROCESSOR_PREFETCH", String.valueOf(prefetch));
        try (TestEnvironment env = environment; App app = env.start("both")) {
            ApiClient api = new ApiClient(app.apiPort(), "bench");
            // Warm-up: the same corpus once, not measured.
            uploadAll(api, corpus);
            awaitProcessed(app, corpus.size());
            StageSplit split = StageSplit.of(app.meters());
            CpuUsage cpu = CpuUsage.start();
            long start = System.nanoTime();
            uploadAll(api, corpus);
            awaitProcessed(app, 2L * corpus.size());
            double docsPerSecond = corpus.size() / ((System.nanoTime() - start) / 1e9);
            CpuUsage.Result used = cpu.stop(corpus.size(), "document");
            System.out.println("end-to-end pass: " + used);
            split.print("end-to-end pass, " + corpus.size() + " documents", app.meters());
            return new Pass(docsPerSecond, used);
        }
    }

    private static void uploadAll(ApiClient api, List<Doc> corpus) throws Exception {
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (Doc d : corpus) done.add(clients.submit(() -> {
                HttpResponse<byte[]> r = api.upload(d.body(), d.type());
                if (r.statusCode() != 202) throw new IllegalStateException("upload answered " + r.statusCode());
            }));
            for (Future<?> f : done) f.get();
        }
    }

    private static void awaitProcessed(App app, long total) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            long finished = 0;
            for (Timer t : app.meters().find("documents.processing").timers()) {
                String outcome = t.getId().getTag("outcome");
                if ("done".equals(outcome) || "failed".equals(outcome)) finished += t.count();
            }
            if (finished >= total) return;
            Thread.sleep(20);
        }
        throw new IllegalStateException("documents were not processed within 10 minutes");
    }

    static Uploads uploadLatency(int clients, int uploads) throws Exception {
        try (TestEnvironment env = new TestEnvironment(); App app = env.start("api")) {
            ApiClient api = new ApiClient(app.apiPort(), "latency");
            byte[] body = new byte[1024 * 1024];
            new Random(1).nextBytes(body);
            measure(api, body, clients, Math.min(uploads, 128)); // warm-up
            StageSplit alone = StageSplit.of(app.meters());
            long[] single = measure(api, body, 1, 50);
            Arrays.sort(single);
            System.out.printf(Locale.ROOT, "upload 1 MiB, 1 client, 50 uploads: p50 %.1f ms, p99 %.1f ms%n",
                    single[single.length / 2] / 1e6, single[single.length - 1] / 1e6);
            alone.print("1 MiB uploads, 1 client", app.meters());
            StageSplit split = StageSplit.of(app.meters());
            CpuUsage cpu = CpuUsage.start();
            long start = System.nanoTime();
            long[] latencies = measure(api, body, clients, uploads);
            double seconds = (System.nanoTime() - start) / 1e9;
            CpuUsage.Result cpuReport = cpu.stop(uploads, "upload");
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "upload 1 MiB, %d concurrent clients, %d uploads (%.0f uploads/s, load average %s): "
                            + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (goal p99 <= 100 ms)%n",
                    clients, uploads, uploads / seconds, StageSplit.loadAverage(), percentile(latencies, 0.50) / 1e6,
                    percentile(latencies, 0.95) / 1e6, percentile(latencies, 0.99) / 1e6, latencies[latencies.length - 1] / 1e6);
            System.out.println("upload pass: " + cpuReport);
            split.print("1 MiB uploads, " + clients + " clients", app.meters());
            return new Uploads(percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(latencies, 0.99), cpuReport);
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.ceil(sorted.length * p) - 1];
    }

    private static long[] measure(ApiClient api, byte[] body, int clients, int uploads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> all = new ArrayList<>();
            for (int c = 0; c < clients; c++) all.add(pool.submit(() -> {
                while (next.getAndIncrement() < uploads) {
                    long t = System.nanoTime();
                    HttpResponse<byte[]> r = api.upload(body, "application/octet-stream");
                    latencies.add(System.nanoTime() - t);
                    if (r.statusCode() != 202) throw new IllegalStateException("upload answered " + r.statusCode());
                }
                return null;
            }));
            for (Future<?> f : all) f.get();
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }
}
