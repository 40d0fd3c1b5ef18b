package dev.gitops.validator.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.Summary;
import dev.gitops.validator.pipeline.WaivedFinding;
import dev.gitops.validator.resource.ResourceRef;
import java.io.IOException;
import java.io.Writer;

/**
 * {@code {"findings":[...],"waived":[...],"errors":[...],"summary":{...}}}; each finding has rule,
 * severity, message, file (relative to the root), line, column, resource, path and, where known,
 * hint and related places.
 */
public final class JsonReporter implements Reporter {

    private static final JsonFactory FACTORY = new JsonFactory();

    @Override
    public void write(Report report, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeArrayFieldStart("findings");
            for (Finding f : report.findings()) {
                writeFinding(g, f);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("waived");
            for (WaivedFinding w : report.waived()) {
                g.writeStartObject();
                g.writeFieldName("finding");
                writeFinding(g, w.finding());
                g.writeStringField("reason", w.reason());
                g.writeStringField("source", w.source());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("errors");
            for (String e : report.fatal()) {
                g.writeString(e);
            }
            g.writeEndArray();
            Summary s = report.summary();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("files", s.files());
            g.writeNumberField("resources", s.resources());
            g.writeNumberField("errors", s.errors());
            g.writeNumberField("warnings", s.warnings());
            g.writeNumberField("infos", s.infos());
            g.writeNumberField("waived", s.waived());
            g.writeEndObject();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("rule", f.rule());
        g.writeStringField("severity", f.severity().label());
        g.writeStringField("message", f.message());
        g.writeStringField("file", f.file());
        g.writeNumberField("line", f.line());
        g.writeNumberField("column", f.column());
        ResourceRef r = f.resource();
        if (r == null) {
            g.writeNullField("resource");
        } else {
            g.writeObjectFieldStart("resource");
            g.writeStringField("apiVersion", r.apiVersion());
            g.writeStringField("kind", r.kind());
            g.writeStringField("namespace", r.namespace());
            g.writeStringField("name", r.name());
            g.writeEndObject();
        }
        g.writeStringField("path", f.path());
        if (f.hint() != null) {
            g.writeStringField("hint", f.hint());
        }
        if (!f.related().isEmpty()) {
            g.writeArrayFieldStart("related");
            for (Location l : f.related()) {
                g.writeStartObject();
                g.writeStringField("file", l.file());
                g.writeNumberField("line", l.line());
                g.writeNumberField("column", l.column());
                g.writeStringField("description", l.description());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
