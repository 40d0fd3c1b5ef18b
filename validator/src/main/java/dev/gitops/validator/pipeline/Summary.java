package dev.gitops.validator.pipeline;

/** Counts for the end of a report. */
public record Summary(int files, int resources, int errors, int warnings, int infos, int waived) {
}
