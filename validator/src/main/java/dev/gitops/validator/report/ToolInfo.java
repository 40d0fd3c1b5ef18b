package dev.gitops.validator.report;

/** How the validator names itself in reports. */
public final class ToolInfo {

    public static final String NAME = "gitops-validator";
    public static final String VERSION = "0.1.0";
    /** Where the validator's documentation lives (every rule's README sits under {@code rules/}). */
    public static final String INFORMATION_URI = "https://github.com/gitops-platform/gitops/tree/main/validator";

    private ToolInfo() {
    }

    /**
     * Where the tool is documented for a report: in GitHub Actions, the validator folder of the
     * repository being checked ({@code GITHUB_SERVER_URL}, {@code GITHUB_REPOSITORY}); elsewhere
     * {@link #INFORMATION_URI}.
     */
    public static String informationUri(java.util.Map<String, String> env) {
        String server = env.get("GITHUB_SERVER_URL");
        String repository = env.get("GITHUB_REPOSITORY");
        if (server != null && repository != null && server.startsWith("https://") && repository.matches("[\\w.-]+/[\\w.-]+")) {
            return server + "/" + repository + "/tree/HEAD/validator";
        }
        return INFORMATION_URI;
    }
}
