package dev.gitops.validator.report;

/** How the validator names itself in reports. */
public final class ToolInfo {

    public static final String NAME = "gitops-validator";
    public static final String VERSION = "0.1.0";
    /** Where the validator's documentation lives (every rule's README sits under {@code rules/}). */
    public static final String INFORMATION_URI = "https://github.com/gitops-platform/gitops/tree/main/validator";

    private ToolInfo() {
    }
}
