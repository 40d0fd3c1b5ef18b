package dev.gitops.validator.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.RuleDocumentation;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.WaivedFinding;
import dev.gitops.validator.resource.ResourceRef;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: one run whose driver lists the rules the results
 * refer to (with their documentation), and one result per finding located by a URI relative to
 * {@code %SRCROOT%} (the repository root) and a 1-based line and column. Waived findings are
 * results with a suppression that carries the waiver's reason. Problems that kept the run from
 * judging its input are tool execution notifications, and make the invocation unsuccessful.
 */
public final class SarifReporter implements Reporter {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String SRCROOT = "%SRCROOT%";
    /** The partial fingerprint key: stable across runs and line moves for the same problem. */
    public static final String FINGERPRINT = "gitopsFinding/v1";

    private static final JsonFactory FACTORY = new JsonFactory();

    private final Map<String, Rule> rules;
    private final Function<String, String> docs;
    private final String informationUri;

    /**
     * @param rules the known rules by id (used for the driver's rule metadata)
     * @param docs a rule's README by id, or null
     * @param informationUri where the tool is documented
     */
    public SarifReporter(Map<String, Rule> rules, Function<String, String> docs, String informationUri) {
        this.rules = Map.copyOf(rules);
        this.docs = docs;
        this.informationUri = informationUri;
    }

    public SarifReporter(Map<String, Rule> rules) {
        this(rules, RuleDocumentation::readme, ToolInfo.informationUri(System.getenv()));
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        // The driver lists the rules the results refer to, sorted by id; ruleIndex points into it.
        TreeMap<String, Rule> used = new TreeMap<>();
        for (Finding f : report.findings()) {
            used.put(f.rule(), ruleFor(f));
        }
        for (WaivedFinding w : report.waived()) {
            used.put(w.finding().rule(), ruleFor(w.finding()));
        }
        List<String> ids = List.copyOf(used.keySet());

        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA);
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();

            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", ToolInfo.NAME);
            g.writeStringField("version", ToolInfo.VERSION);
            g.writeStringField("semanticVersion", ToolInfo.VERSION);
            g.writeStringField("informationUri", informationUri);
            g.writeArrayFieldStart("rules");
            for (Rule r : used.values()) {
                writeRule(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();

            g.writeArrayFieldStart("invocations");
            g.writeStartObject();
            g.writeBooleanField("executionSuccessful", report.fatal().isEmpty());
            g.writeArrayFieldStart("toolExecutionNotifications");
            for (String e : report.fatal()) {
                g.writeStartObject();
                g.writeStringField("level", "error");
                g.writeObjectFieldStart("message");
                g.writeStringField("text", e);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();

            g.writeStringField("columnKind", "unicodeCodePoints");
            g.writeArrayFieldStart("results");
            for (Finding f : report.findings()) {
                writeResult(g, f, ids.indexOf(f.rule()), null);
            }
            for (WaivedFinding w : report.waived()) {
                writeResult(g, w.finding(), ids.indexOf(w.finding().rule()), w);
            }
            g.writeEndArray();

            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private Rule ruleFor(Finding f) {
        Rule r = rules.get(f.rule());
        return r != null ? r : new Rule(f.rule(), "other", f.severity(), f.rule());
    }

    private void writeRule(JsonGenerator g, Rule r) throws IOException {
        String readme = docs == null ? null : docs.apply(r.id());
        String full = RuleDocumentation.firstParagraph(readme);
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("name", r.id());
        g.writeObjectFieldStart("shortDescription");
        g.writeStringField("text", r.title());
        g.writeEndObject();
        g.writeObjectFieldStart("fullDescription");
        g.writeStringField("text", full == null ? r.title() : full);
        g.writeEndObject();
        g.writeObjectFieldStart("help");
        g.writeStringField("text", readme == null ? r.title() + "\n\nSee: validate --explain " + r.id() : readme);
        if (readme != null) {
            g.writeStringField("markdown", readme);
        }
        g.writeEndObject();
        g.writeObjectFieldStart("defaultConfiguration");
        g.writeStringField("level", level(r.defaultSeverity()));
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeArrayFieldStart("tags");
        g.writeString(r.category());
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeResult(JsonGenerator g, Finding f, int ruleIndex, WaivedFinding waiver)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.rule());
        g.writeNumberField("ruleIndex", ruleIndex);
        g.writeStringField("level", level(f.severity()));
        g.writeObjectFieldStart("message");
        g.writeStringField("text", message(f));
        g.writeEndObject();
        g.writeArrayFieldStart("locations");
        g.writeStartObject();
        writePhysical(g, f.file(), f.line(), f.column());
        ResourceRef r = f.resource();
        if (r != null && r.kind() != null) {
            g.writeArrayFieldStart("logicalLocations");
            g.writeStartObject();
            g.writeStringField("fullyQualifiedName", r.display() + (f.path() == null ? "" : "#" + f.path()));
            g.writeStringField("kind", "object");
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndArray();
        if (!f.related().isEmpty()) {
            g.writeArrayFieldStart("relatedLocations");
            int id = 1;
            for (Location l : f.related()) {
                g.writeStartObject();
                g.writeNumberField("id", id++);
                writePhysical(g, l.file(), l.line(), l.column());
                g.writeObjectFieldStart("message");
                g.writeStringField("text", l.description());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeObjectFieldStart("partialFingerprints");
        g.writeStringField(FINGERPRINT, fingerprint(f));
        g.writeEndObject();
        if (waiver != null) {
            g.writeArrayFieldStart("suppressions");
            g.writeStartObject();
            g.writeStringField("kind", waiver.source().startsWith("annotation") ? "inSource" : "external");
            g.writeStringField("status", "accepted");
            g.writeStringField("justification", waiver.reason());
            g.writeEndObject();
            g.writeEndArray();
        }
        if (f.hint() != null || f.path() != null) {
            g.writeObjectFieldStart("properties");
            if (f.path() != null) {
                g.writeStringField("path", f.path());
            }
            if (f.hint() != null) {
                g.writeStringField("hint", f.hint());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static String message(Finding f) {
        StringBuilder m = new StringBuilder(f.message());
        if (f.resource() != null && f.resource().kind() != null) {
            m.append(" [").append(f.resource().display()).append(f.path() == null ? "" : " " + f.path()).append(']');
        }
        if (f.hint() != null) {
            m.append(" Fix: ").append(f.hint());
        }
        return m.toString();
    }

    private static void writePhysical(JsonGenerator g, String file, int line, int column) throws IOException {
        g.writeObjectFieldStart("physicalLocation");
        g.writeObjectFieldStart("artifactLocation");
        if (file.startsWith("/")) {
            g.writeStringField("uri", "file://" + encodePath(file));
        } else {
            g.writeStringField("uri", encodePath(file));
            g.writeStringField("uriBaseId", SRCROOT);
        }
        g.writeEndObject();
        g.writeObjectFieldStart("region");
        g.writeNumberField("startLine", Math.max(1, line));
        g.writeNumberField("startColumn", Math.max(1, column));
        g.writeEndObject();
        g.writeEndObject();
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** Percent-encodes what may not stand in a URI path (RFC 3986), keeping the slashes. */
    static String encodePath(String path) {
        StringBuilder b = new StringBuilder();
        for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~/!$&'()*+,;=:@".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    /** A digest of what identifies the problem, not where it currently is: rule, file, resource, field, message. */
    static String fingerprint(Finding f) {
        String key = f.rule() + "\n" + f.file() + "\n" + (f.resource() == null ? "" : f.resource().display()) + "\n"
                + (f.path() == null ? "" : f.path()) + "\n" + f.message();
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
