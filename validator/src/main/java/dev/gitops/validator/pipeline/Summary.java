package dev.gitops.validator.pipeline;

import dev.gitops.validator.finding.Finding;
import java.util.List;

/** Counts for the end of a report. */
public record Summary(int files, int resources, int errors, int warnings, int infos, int waived) {

    /** The summary of a run that read nothing and found nothing. */
    public static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0);

    /** Counts the findings by severity. */
    public static Summary of(int files, int resources, List<Finding> findings, int waived) {
        int errors = 0;
        int warnings = 0;
        int infos = 0;
        for (Finding f : findings) {
            switch (f.severity()) {
                case ERROR -> errors++;
                case WARNING -> warnings++;
                case INFO -> infos++;
            }
        }
        return new Summary(files, resources, errors, warnings, infos, waived);
    }
}
