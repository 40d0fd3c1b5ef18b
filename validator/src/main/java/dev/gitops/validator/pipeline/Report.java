package dev.gitops.validator.pipeline;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Severity;
import java.util.List;

/**
 * The outcome of a run.
 *
 * @param findings reported findings, sorted by file, line, column, rule
 * @param waived findings accepted by a waiver, in the same order
 * @param fatal problems that kept the run from judging its input (an unreadable file, a check that
 *     could not run); any of them makes the run exit 2
 * @param summary the counts
 * @param inputs every file read and the resources it held, in report order
 */
public record Report(List<Finding> findings, List<WaivedFinding> waived, List<String> fatal, Summary summary,
                     List<ValidatedFile> inputs) {

    public Report {
        findings = List.copyOf(findings);
        waived = List.copyOf(waived);
        fatal = List.copyOf(fatal);
        inputs = List.copyOf(inputs);
    }

    /** A report that does not list its inputs. */
    public Report(List<Finding> findings, List<WaivedFinding> waived, List<String> fatal, Summary summary) {
        this(findings, waived, fatal, summary, List.of());
    }

    /** The report of a run that read nothing and found nothing. */
    public static Report empty() {
        return new Report(List.of(), List.of(), List.of(), Summary.EMPTY);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    public boolean hasWarnings() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.WARNING);
    }

    /** 0 clean, 1 error findings (or warnings under strict), 2 the input could not be judged. */
    public int exitCode(boolean strict) {
        if (!fatal.isEmpty()) {
            return 2;
        }
        if (hasErrors() || (strict && hasWarnings())) {
            return 1;
        }
        return 0;
    }
}
