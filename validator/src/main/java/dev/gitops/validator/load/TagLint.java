package dev.gitops.validator.load;

import dev.gitops.validator.source.Position;
import java.util.regex.Pattern;

/**
 * YAML014, explicit tags: Kubernetes drops custom tags and decodes {@code !!binary}, so a tagged
 * node may not mean what it shows. Only {@code !}, {@code !!str}, {@code !!map} and {@code !!seq}
 * on their own kind of node, and {@code !!int}, {@code !!float}, {@code !!bool} and {@code !!null}
 * on a value written in their canonical form, are accepted.
 */
final class TagLint {

    static final String MAP_TAG = "tag:yaml.org,2002:map";
    static final String SEQ_TAG = "tag:yaml.org,2002:seq";
    private static final String YAML_TAG_PREFIX = "tag:yaml.org,2002:";
    private static final Pattern CANONICAL_INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern CANONICAL_FLOAT = Pattern.compile("[-+]?(0|[1-9][0-9]*)?\\.[0-9]+([eE][-+]?[0-9]+)?");

    private TagLint() {
    }

    /** Checks the tag of a mapping ({@link #MAP_TAG}) or a list ({@link #SEQ_TAG}); null tag: none. */
    static void collection(FileFindings out, String tag, String ownTag, Position pos) {
        if (tag != null && !"!".equals(tag) && !tag.equals(ownTag)) {
            report(out, tag, "a " + (ownTag.equals(MAP_TAG) ? "mapping" : "list"), pos);
        }
    }

    /** Checks the tag of a scalar written as {@code value}; null tag: none. */
    static void scalar(FileFindings out, String tag, String value, Position pos) {
        if (tag != null && !"!".equals(tag) && !acceptedOnScalar(tag, value)) {
            report(out, tag, "the value '" + abbreviate(value) + "'", pos);
        }
    }

    private static boolean acceptedOnScalar(String tag, String value) {
        return switch (tag) {
            case "tag:yaml.org,2002:str" -> true;
            case "tag:yaml.org,2002:int" -> CANONICAL_INT.matcher(value).matches();
            case "tag:yaml.org,2002:float" -> CANONICAL_FLOAT.matcher(value).matches()
                    || CANONICAL_INT.matcher(value).matches();
            case "tag:yaml.org,2002:bool" -> value.equals("true") || value.equals("false");
            case "tag:yaml.org,2002:null" -> value.isEmpty() || value.equals("null") || value.equals("~");
            default -> false;
        };
    }

    private static void report(FileFindings out, String tag, String on, Position pos) {
        String shown = tag.startsWith(YAML_TAG_PREFIX) ? "!!" + tag.substring(YAML_TAG_PREFIX.length()) : tag;
        out.add(YamlRules.TAG, pos, "explicit tag " + shown + " on " + on
                        + ": Kubernetes would read it differently or reject it",
                "remove the tag; quote the value if a string is meant");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
