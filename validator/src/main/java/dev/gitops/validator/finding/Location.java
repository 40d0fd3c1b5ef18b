package dev.gitops.validator.finding;

/** A second place a cross-file finding refers to. */
public record Location(String file, int line, int column, String description) {
}
