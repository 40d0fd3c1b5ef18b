package dev.gitops.validator.report;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.Summary;
import java.io.IOException;
import java.io.Writer;

/**
 * GitHub Actions workflow commands: one annotation per finding,
 * {@code ::error file=PATH,line=N,col=N,title=RULE::message}, {@code ::warning} for warnings and
 * {@code ::notice} for infos. Values are escaped the way the Actions runner unescapes them: in the
 * message {@code %}, CR and LF; in properties also {@code :} and {@code ,}. Waived findings are not
 * annotated; the closing line counts them.
 */
public final class GithubReporter implements Reporter {

    @Override
    public void write(Report report, Writer out) throws IOException {
        for (Finding f : report.findings()) {
            String command = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            StringBuilder message = new StringBuilder(f.message());
            if (f.resource() != null && f.resource().kind() != null) {
                message.append(" [").append(f.resource().display()).append(f.path() == null ? "" : " " + f.path())
                        .append(']');
            } else if (f.path() != null) {
                message.append(" [").append(f.path()).append(']');
            }
            if (f.hint() != null) {
                message.append("\nhint: ").append(f.hint());
            }
            out.write("::" + command + " file=" + property(f.file()) + ",line=" + f.line() + ",col=" + f.column()
                    + ",title=" + property(f.rule()) + "::" + data(message.toString()) + "\n");
        }
        for (String e : report.fatal()) {
            out.write("::error title=" + property(ToolInfo.NAME) + "::" + data(e) + "\n");
        }
        Summary s = report.summary();
        out.write(s.files() + " files, " + s.resources() + " resources: " + s.errors() + " errors, " + s.warnings()
                + " warnings, " + s.infos() + " infos, " + s.waived() + " waived\n");
        out.flush();
    }

    /** Escapes a command's message (the part after {@code ::}). */
    public static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a command property value. */
    public static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
