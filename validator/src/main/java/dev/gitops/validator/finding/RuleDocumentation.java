package dev.gitops.validator.finding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
        String heading = heading(ruleId);
        String prefix = "# " + ruleId + ":";
        if (heading == null || !heading.startsWith(prefix)) {
            return ruleId;
        }
        String title = heading.substring(prefix.length()).strip();
        return title.isEmpty() ? ruleId : title;
    }

    /** The README's first line, read alone (every rule's title is read at start-up), or null. */
    private static String heading(String ruleId) {
        InputStream in = RuleDocumentation.class.getResourceAsStream("/rules/" + ruleId + "/README.md");
        if (in == null) {
            return null;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 256)) {
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
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
