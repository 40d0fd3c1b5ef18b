package dev.gitops.validator.report;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.Summary;
import dev.gitops.validator.pipeline.WaivedFinding;
import java.io.IOException;
import java.io.Writer;

/** Human output grouped by file: {@code file:line:col: severity RULE message}, then a summary. */
public final class TextReporter implements Reporter {

    private final boolean color;

    public TextReporter(boolean color) {
        this.color = color;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        String currentFile = null;
        for (Finding f : report.findings()) {
            if (!f.file().equals(currentFile)) {
                if (currentFile != null) {
                    out.write('\n');
                }
                currentFile = f.file();
                out.write(bold(currentFile) + "\n");
            }
            out.write("  " + f.file() + ":" + f.line() + ":" + f.column() + ": " + severity(f.severity()) + " "
                    + f.rule() + " " + indent(f.message()));
            if (f.resource() != null && f.resource().kind() != null) {
                out.write(" [" + f.resource().display() + (f.path() == null ? "" : " " + f.path()) + "]");
            } else if (f.path() != null) {
                out.write(" [" + f.path() + "]");
            }
            out.write('\n');
            for (Location l : f.related()) {
                out.write("      see " + l.file() + ":" + l.line() + ":" + l.column() + " (" + l.description() + ")\n");
            }
            if (f.hint() != null) {
                out.write("      hint: " + f.hint() + "\n");
            }
        }
        if (!report.waived().isEmpty()) {
            if (currentFile != null) {
                out.write('\n');
            }
            out.write(bold("waived") + "\n");
            for (WaivedFinding w : report.waived()) {
                Finding f = w.finding();
                out.write("  " + f.file() + ":" + f.line() + ":" + f.column() + ": " + f.rule() + " " + indent(f.message())
                        + " (waived: " + w.reason() + "; " + w.source() + ")\n");
            }
        }
        for (String e : report.fatal()) {
            out.write(paint("31", "error: ") + e + "\n");
        }
        Summary s = report.summary();
        out.write((report.findings().isEmpty() && report.waived().isEmpty() ? "" : "\n") + s.files() + " files, "
                + s.resources() + " resources: " + s.errors() + " errors, " + s.warnings() + " warnings, " + s.infos()
                + " infos, " + s.waived() + " waived\n");
        out.flush();
    }

    private String severity(Severity s) {
        return switch (s) {
            case ERROR -> paint("31", "error");
            case WARNING -> paint("33", "warning");
            case INFO -> paint("36", "info");
        };
    }

    /** Continuation lines of a message stay inside its finding. */
    private static String indent(String message) {
        return message.replace("\r\n", "\n").replace("\n", "\n      ");
    }

    private String bold(String s) {
        return paint("1", s);
    }

    private String paint(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
