package dev.gitops.validator.pipeline;

import dev.gitops.validator.finding.Finding;

/**
 * A finding that a waiver accepted.
 *
 * @param finding the finding as it would have been reported
 * @param reason the waiver's reason
 * @param source where the waiver is written ({@code annotation} or the waivers file and line)
 */
public record WaivedFinding(Finding finding, String reason, String source) {
}
