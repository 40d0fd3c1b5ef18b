package dev.gitops.validator.finding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The documentation of a rule: its folder's {@code README.md}, packaged in the jar as
 * {@code /rules/<ID>/README.md}, whose heading {@code # ID: title} is the rule's title.
 */
public final class RuleDocumentation {

    private RuleDocumentation() {
    }

    /**
     * The jar the rules are packaged in, opened once for the life of the process (as the class loader
     * keeps its own): an entry looked up in it directly costs a fraction of a class-loader resource
     * lookup, and every rule's title is read at start-up. Null when the classes are not in a jar.
     */
    private static final class Jar {
        static final ZipFile ZIP = open();

        private static ZipFile open() {
            try {
                Path p = Path.of(RuleDocumentation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return Files.isRegularFile(p) ? new ZipFile(p.toFile()) : null;
            } catch (URISyntaxException | IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /** The rule's README as packaged, or null when it has none. */
    private static InputStream open(String ruleId) throws IOException {
        String name = "rules/" + ruleId + "/README.md";
        ZipFile zip = Jar.ZIP;
        if (zip == null) {
            return RuleDocumentation.class.getResourceAsStream("/" + name);
        }
        ZipEntry entry = zip.getEntry(name);
        return entry == null ? null : zip.getInputStream(entry);
    }

    /** The whole README, or null when the rule has none. */
    public static String readme(String ruleId) {
        try (InputStream in = open(ruleId)) {
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
        try (InputStream in = open(ruleId)) {
            if (in == null) {
                return null;
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 256).readLine();
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
