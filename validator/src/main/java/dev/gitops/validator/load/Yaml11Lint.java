package dev.gitops.validator.load;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import java.util.List;
import java.util.function.Supplier;

/**
 * YAML011: plain scalars that Kubernetes (YAML 1.1) reads differently from a YAML 1.2 reader, such
 * as {@code yes}, {@code 0755} or {@code 1:30}, and keys that YAML 1.1 turns into booleans.
 */
final class Yaml11Lint {

    private static final String HINT = "quote the value if a string is meant, or write true/false or a plain decimal";

    private Yaml11Lint() {
    }

    /**
     * Checks a plain, untagged scalar that is a value (of a mapping entry, a list item or a
     * document); its path is only asked for when there is something to report.
     */
    static void value(FileFindings out, String text, Supplier<FieldPath> path, Position pos) {
        String why = ScalarResolver.yaml11Ambiguity(text);
        if (why != null) {
            report(out, why, path.get(), pos);
        }
    }

    /**
     * Checks a plain, untagged scalar that is a mapping key; {@code mapping} gives the path of its
     * mapping, asked for only when there is something to report. Only booleans other than true and
     * false are reported: the key then becomes {@code true} or {@code false}.
     */
    static void key(FileFindings out, String text, Supplier<FieldPath> mapping, Position pos) {
        if (ScalarResolver.resolvePlain(text) instanceof Boolean b
                && !text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            report(out, "the key '" + text + "' is read by Kubernetes as the boolean " + b + " (YAML 1.1)",
                    mapping.get().key(b.toString()), pos);
        }
    }

    private static void report(FileFindings out, String why, FieldPath path, Position pos) {
        out.add(new Finding(YamlRules.YAML11_AMBIGUITY.id(), YamlRules.YAML11_AMBIGUITY.defaultSeverity(), why,
                out.file().displayName(), pos.line(), pos.column(), null, path.isRoot() ? null : path.toString(),
                HINT, List.of()));
    }
}
