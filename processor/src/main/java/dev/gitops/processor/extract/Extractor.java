package dev.gitops.processor.extract;

import dev.gitops.processor.config.ProcessorConfig;
import dev.gitops.processor.document.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.HttpHeaders;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.WriteOutContentHandler;

/**
 * Type detection, text and metadata through Apache Tika, within limits: text length, wall time, embedded
 * depth and count. OCR is off. Built once and shared: {@link AutoDetectParser} is thread-safe and expensive
 * to create.
 */
public final class Extractor implements AutoCloseable {
    private static final int MAX_METADATA_ENTRIES = 64;
    private static final int MAX_METADATA_VALUE = 512;

    private final AutoDetectParser parser = new AutoDetectParser();
    private final ProcessorConfig.Extraction limits;
    private final ExecutorService parsing;

    public Extractor(ProcessorConfig.Extraction limits, int threads) {
        this.limits = limits;
        AtomicInteger n = new AtomicInteger();
        this.parsing = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "extract-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Warms the parser up (class loading, service lookup) so the first document is not slow. */
    public void warmUp() {
        try {
            extract(new java.io.ByteArrayInputStream("warm up".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (Exception ignored) {
            // best effort
        }
    }

    /**
     * Extracts from {@code content}. Permanent problems come back as {@link Extraction.Rejected}; a parse that
     * exceeds the time limit throws {@link ExtractionTimeoutException} (the parse thread is interrupted).
     */
    public Extraction extract(InputStream content) throws ExtractionTimeoutException, InterruptedException {
        Future<Extraction> task = parsing.submit(() -> parse(content));
        try {
            return task.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new ExtractionTimeoutException(limits.timeout());
        } catch (InterruptedException e) {
            task.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error err) throw err;
            return new Extraction.Rejected(new Failure(Failure.CORRUPT, "parser error: " + describe(cause)), null);
        }
    }

    private Extraction parse(InputStream content) throws IOException {
        Metadata metadata = new Metadata();
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        TesseractOCRConfig ocr = new TesseractOCRConfig();
        ocr.setSkipOcr(true);
        context.set(TesseractOCRConfig.class, ocr);
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        context.set(PDFParserConfig.class, pdf);
        EmbeddedLimiter embedded = new EmbeddedLimiter(context, limits.maxEmbeddedDepth(), limits.maxEmbeddedResources());
        context.set(EmbeddedDocumentExtractor.class, embedded);

        StringWriter text = new StringWriter();
        WriteOutContentHandler handler = new WriteOutContentHandler(text, limits.maxTextChars());
        boolean truncated = false;
        try (TikaInputStream in = TikaInputStream.get(content)) {
            parser.parse(in, handler, metadata, context);
        } catch (EncryptedDocumentException e) {
            return new Extraction.Rejected(new Failure(Failure.ENCRYPTED,
                    "the document is password-protected or encrypted"), mediaType(metadata));
        } catch (ZeroByteFileException e) {
            return new Extraction.Rejected(new Failure(Failure.UNSUPPORTED, "the document is empty"), null);
        } catch (Exception e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                truncated = true;
            } else if (describe(e).toLowerCase(Locale.ROOT).contains("zip bomb")) {
                return new Extraction.Rejected(new Failure(Failure.TOO_COMPLEX, describe(e)), mediaType(metadata));
            } else {
                return new Extraction.Rejected(new Failure(Failure.CORRUPT,
                        "cannot parse " + mediaType(metadata) + ": " + describe(e)), mediaType(metadata));
            }
        } catch (StackOverflowError e) {
            return new Extraction.Rejected(new Failure(Failure.TOO_COMPLEX, "the document nests too deeply"),
                    mediaType(metadata));
        }
        String type = mediaType(metadata);
        if (type == null || MediaType.OCTET_STREAM.toString().equals(type)) {
            return new Extraction.Rejected(new Failure(Failure.UNSUPPORTED,
                    "the content type could not be recognised"), type);
        }
        Map<String, String> selected = selectMetadata(metadata);
        if (embedded.limitReached()) selected.put("processor:embedded-limit-reached", "true");
        return new Extraction.Success(type, text.toString(), truncated, pageCount(metadata),
                language(metadata), selected);
    }

    private static String mediaType(Metadata metadata) {
        String raw = metadata.get(HttpHeaders.CONTENT_TYPE);
        if (raw == null) return null;
        MediaType type = MediaType.parse(raw);
        return type == null ? raw : type.getBaseType().toString();
    }

    private static Integer pageCount(Metadata metadata) {
        for (String v : new String[] {metadata.get(PagedText.N_PAGES), metadata.get(Office.PAGE_COUNT)}) {
            if (v == null) continue;
            try {
                return Integer.valueOf(v.trim());
            } catch (NumberFormatException ignored) {
                // not a number: try the next
            }
        }
        return null;
    }

    private static String language(Metadata metadata) {
        String v = metadata.get(TikaCoreProperties.LANGUAGE);
        if (v == null) v = metadata.get(HttpHeaders.CONTENT_LANGUAGE);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Map<String, String> selectMetadata(Metadata metadata) {
        Map<String, String> out = new TreeMap<>();
        for (String name : metadata.names()) {
            if (out.size() >= MAX_METADATA_ENTRIES) break;
            if (name.startsWith("X-TIKA:") || name.startsWith("X-Parsed-By")) continue;
            String value = metadata.get(name);
            if (value == null) continue;
            out.put(name, value.length() > MAX_METADATA_VALUE ? value.substring(0, MAX_METADATA_VALUE) : value);
        }
        return out;
    }

    static String describe(Throwable t) {
        String m = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return m.length() > 300 ? m.substring(0, 300) : m;
    }

    public Duration timeout() {
        return limits.timeout();
    }

    @Override
    public void close() {
        parsing.shutdownNow();
    }
}
