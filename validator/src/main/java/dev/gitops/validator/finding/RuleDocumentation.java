package dev.gitops.validator.finding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The documentation of a rule: its folder's {@code README.md}, packaged in the jar as
 * {@code /rules/<ID>/README.md}, whose heading {@code # ID: title} is the rule's title.
 */
public final class RuleDocumentation {

    private RuleDocumentation() {
    }

    /** The whole README, or null when the rule has none. */
    public static String readme(String ruleId) {
        try (InputStream in = RuleDocumentation.class.getResourceAsStream("/rules/" + ruleId + "/README.md")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The rule's title: its README's heading {@code # ID: title}; the id itself when the README is
     * missing or its heading names no title (RuleFoldersTest keeps every rule's in place).
     */
    public static String title(String ruleId) {
        String readme = readme(ruleId);
        String prefix = "# " + ruleId + ":";
        if (readme == null || !readme.startsWith(prefix)) {
            return ruleId;
        }
        int end = readme.indexOf('\n');
        String title = (end < 0 ? readme.substring(prefix.length()) : readme.substring(prefix.length(), end)).strip();
        return title.isEmpty() ? ruleId : title;
    }

    /**
     * The first paragraph of a README below its title, as plain text (emphasis markers removed),
     * or null when there is none.
     */
    public static String firstParagraph(String readme) {
        if (readme == null) {
            return null;
        }
        StringBuilder p = new StringBuilder();
        for (String line : readme.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("#")) {
                if (!p.isEmpty()) {
                    break;
                }
                continue;
            }
            if (t.isEmpty()) {
                if (!p.isEmpty()) {
                    break;
                }
                continue;
            }
            if (!p.isEmpty()) {
                p.append(' ');
            }
            p.append(t);
        }
        if (p.isEmpty()) {
            return null;
        }
        return p.toString().replace("**", "").replace("`", "");
    }
}
