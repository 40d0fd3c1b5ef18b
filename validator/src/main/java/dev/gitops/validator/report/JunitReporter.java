package dev.gitops.validator.report;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.ValidatedFile;
import dev.gitops.validator.pipeline.WaivedFinding;
import dev.gitops.validator.resource.ResourceRef;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JUnit XML, as CI servers read it: one test suite per file, one test case per resource (and one for
 * the file itself when a problem sits outside any resource, or the file holds none). A test case
 * with error findings fails; the failure text lists each as {@code file:line:column: RULE message}.
 * Warnings, infos and waived findings are written to the test case's {@code system-out}. Problems
 * that kept the run from judging its input are an {@code error} of a test case {@code run}.
 */
public final class JunitReporter implements Reporter {

    private static final String FILE_CASE = "(file)";

    /** One test case: its findings, and the waived ones. */
    private static final class Case {
        final String name;
        final List<Finding> findings = new ArrayList<>();
        final List<WaivedFinding> waived = new ArrayList<>();

        Case(String name) {
            this.name = name;
        }

        List<Finding> errors() {
            return findings.stream().filter(Finding::isError).toList();
        }
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        // file -> (resource display -> case), in report order.
        Map<String, LinkedHashMap<String, Case>> suites = new TreeMap<>();
        for (ValidatedFile f : report.inputs()) {
            LinkedHashMap<String, Case> cases = suites.computeIfAbsent(f.file(), k -> new LinkedHashMap<>());
            for (ResourceRef r : f.resources()) {
                cases.computeIfAbsent(r.display(), Case::new);
            }
        }
        for (Finding f : report.findings()) {
            caseFor(suites, f).findings.add(f);
        }
        for (WaivedFinding w : report.waived()) {
            caseFor(suites, w.finding()).waived.add(w);
        }
        for (Map.Entry<String, LinkedHashMap<String, Case>> s : suites.entrySet()) {
            if (s.getValue().isEmpty()) {
                s.getValue().put(FILE_CASE, new Case(FILE_CASE));
            }
        }

        int tests = 0;
        int failures = 0;
        for (LinkedHashMap<String, Case> cases : suites.values()) {
            tests += cases.size();
            failures += (int) cases.values().stream().filter(c -> !c.errors().isEmpty()).count();
        }
        int errors = report.fatal().isEmpty() ? 0 : 1;
        tests += errors;

        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<testsuites name=\"" + ToolInfo.NAME + "\" tests=\"" + tests + "\" failures=\"" + failures
                + "\" errors=\"" + errors + "\">\n");
        if (!report.fatal().isEmpty()) {
            out.write("  <testsuite name=\"" + ToolInfo.NAME + "\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n");
            out.write("    <testcase classname=\"" + ToolInfo.NAME + "\" name=\"run\">\n");
            out.write("      <error message=\"" + attr(report.fatal().getFirst()) + "\" type=\"fatal\">"
                    + text(String.join("\n", report.fatal())) + "</error>\n");
            out.write("    </testcase>\n");
            out.write("  </testsuite>\n");
        }
        for (Map.Entry<String, LinkedHashMap<String, Case>> s : suites.entrySet()) {
            String file = s.getKey();
            List<Case> cases = List.copyOf(s.getValue().values());
            long failed = cases.stream().filter(c -> !c.errors().isEmpty()).count();
            out.write("  <testsuite name=\"" + attr(file) + "\" tests=\"" + cases.size() + "\" failures=\"" + failed
                    + "\" errors=\"0\" skipped=\"0\">\n");
            for (Case c : cases) {
                writeCase(out, file, c);
            }
            out.write("  </testsuite>\n");
        }
        out.write("</testsuites>\n");
        out.flush();
    }

    private static Case caseFor(Map<String, LinkedHashMap<String, Case>> suites, Finding f) {
        LinkedHashMap<String, Case> cases = suites.computeIfAbsent(f.file(), k -> new LinkedHashMap<>());
        String name = f.resource() != null && f.resource().kind() != null && cases.containsKey(f.resource().display())
                ? f.resource().display() : FILE_CASE;
        return cases.computeIfAbsent(name, Case::new);
    }

    private static void writeCase(Writer out, String file, Case c) throws IOException {
        out.write("    <testcase classname=\"" + attr(file) + "\" name=\"" + attr(c.name) + "\"");
        List<Finding> errors = c.errors();
        List<Finding> others = c.findings.stream().filter(f -> !f.isError()).toList();
        if (errors.isEmpty() && others.isEmpty() && c.waived.isEmpty()) {
            out.write("/>\n");
            return;
        }
        out.write(">\n");
        if (!errors.isEmpty()) {
            Finding first = errors.getFirst();
            String message = first.file() + ":" + first.line() + ":" + first.column() + ": " + first.rule() + " "
                    + first.message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
            String types = String.join(",", errors.stream().map(Finding::rule).distinct().toList());
            StringBuilder body = new StringBuilder();
            for (Finding f : errors) {
                body.append(line(f)).append('\n');
            }
            out.write("      <failure message=\"" + attr(message) + "\" type=\"" + attr(types) + "\">"
                    + text(body.toString()) + "</failure>\n");
        }
        if (!others.isEmpty() || !c.waived.isEmpty()) {
            StringBuilder body = new StringBuilder();
            for (Finding f : others) {
                body.append(line(f)).append('\n');
            }
            for (WaivedFinding w : c.waived) {
                body.append(line(w.finding())).append(" (waived: ").append(w.reason()).append("; ")
                        .append(w.source()).append(")\n");
            }
            out.write("      <system-out>" + text(body.toString()) + "</system-out>\n");
        }
        out.write("    </testcase>\n");
    }

    private static String line(Finding f) {
        StringBuilder b = new StringBuilder();
        b.append(f.file()).append(':').append(f.line()).append(':').append(f.column()).append(": ")
                .append(f.severity() == Severity.ERROR ? "error" : f.severity().label()).append(' ')
                .append(f.rule()).append(' ').append(f.message());
        if (f.path() != null) {
            b.append(" [").append(f.path()).append(']');
        }
        if (f.hint() != null) {
            b.append(" (hint: ").append(f.hint()).append(')');
        }
        return b.toString();
    }

    /** Escapes for an attribute value; characters XML 1.0 cannot hold become U+FFFD. */
    static String attr(String s) {
        return escape(s, true);
    }

    static String text(String s) {
        return escape(s, false);
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append(attribute ? "&quot;" : "\"");
                case '\n' -> b.append(attribute ? "&#10;" : "\n");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append(attribute ? "&#9;" : "\t");
                default -> {
                    boolean legal = (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    b.appendCodePoint(legal ? c : 0xFFFD);
                }
            }
        });
        return b.toString();
    }
}
