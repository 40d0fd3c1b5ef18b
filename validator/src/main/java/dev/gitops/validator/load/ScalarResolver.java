package dev.gitops.validator.load;

import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves plain YAML scalars the way Kubernetes reads them: sigs.k8s.io/yaml on go-yaml v2,
 * which follows YAML 1.1 (so {@code yes}, {@code on} and {@code off} are booleans and {@code 0755}
 * is octal).
 */
final class ScalarResolver {

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> TRUES = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
            "on", "On", "ON");
    private static final Set<String> FALSES = Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE",
            "off", "Off", "OFF");
    /** Booleans in YAML 1.1 that are strings in YAML 1.2. */
    private static final Set<String> YAML11_ONLY_BOOLEANS = Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
            "n", "N", "no", "No", "NO", "off", "Off", "OFF");

    private static final Pattern INT = Pattern.compile("[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|0[0-7_]+|[0-9][0-9_]*)");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INF = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
    private static final Pattern LEADING_ZERO_OCTAL = Pattern.compile("[-+]?0[0-7_]+");
    private static final Pattern SEXAGESIMAL = Pattern.compile("[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?");

    /** Decimal digits that always fit a long: such numbers need no BigInteger. */
    private static final int MAX_LONG_DIGITS = 18;

    /** The longest of the null and boolean words: longer text is none of them. */
    private static final int LONGEST_WORD = 5;

    private ScalarResolver() {
    }

    private static boolean startsNumber(char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+';
    }

    /**
     * The value Kubernetes sees for a scalar written as {@code text}: plain untagged scalars are
     * resolved, {@code !!bool}, {@code !!int} and {@code !!float} too when they resolve, {@code !!null}
     * is null, everything else the text.
     *
     * @param tag the explicit tag, null if none
     */
    static Object resolve(String text, String tag, boolean plain) {
        if (tag == null) {
            return plain ? resolvePlain(text) : text;
        }
        return switch (tag) {
            case "tag:yaml.org,2002:null" -> null;
            case "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float" -> {
                Object r = resolvePlain(text);
                yield r == null ? text : r;
            }
            default -> text;
        };
    }

    /** The value Kubernetes sees for a plain scalar: null, Boolean, Long, Double or String. */
    static Object resolvePlain(String text) {
        if (text.length() <= LONGEST_WORD) {
            if (NULLS.contains(text)) {
                return null;
            }
            if (TRUES.contains(text)) {
                return Boolean.TRUE;
            }
            if (FALSES.contains(text)) {
                return Boolean.FALSE;
            }
        }
        char first = text.charAt(0);
        if ((first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.') {
            if (INT.matcher(text).matches()) {
                Object n = parseInt(text);
                if (n != null) {
                    return n;
                }
            }
            if (FLOAT.matcher(text).matches()) {
                try {
                    return Double.parseDouble(text.replace("_", ""));
                } catch (NumberFormatException ignored) {
                    return text;
                }
            }
            if (INF.matcher(text).matches()) {
                return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (NAN.matcher(text).matches()) {
                return Double.NaN;
            }
        }
        return text;
    }

    private static Object parseInt(String text) {
        String s = text.replace("_", "");
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        int radix = 10;
        if (s.startsWith("0b")) {
            radix = 2;
            s = s.substring(2);
        } else if (s.startsWith("0x")) {
            radix = 16;
            s = s.substring(2);
        } else if (s.startsWith("0o")) {
            radix = 8;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            return null;
        }
        if (radix == 10 && s.length() <= MAX_LONG_DIGITS) {
            long value = Long.parseLong(s);
            return negative ? -value : value;
        }
        BigInteger value = new BigInteger(s, radix);
        if (negative) {
            value = value.negate();
        }
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value.doubleValue();
    }

    /**
     * Why a plain scalar means something else in YAML 1.2 than the YAML 1.1 Kubernetes applies, or
     * null when both agree.
     */
    static String yaml11Ambiguity(String text) {
        if (text.length() <= LONGEST_WORD && YAML11_ONLY_BOOLEANS.contains(text)) {
            return "'" + text + "' is the boolean " + TRUES.contains(text)
                    + " to Kubernetes (YAML 1.1) but the string \"" + text + "\" in YAML 1.2";
        }
        if (text.isEmpty() || !startsNumber(text.charAt(0))) {
            return null;   // each pattern below starts with a sign or a digit
        }
        if (LEADING_ZERO_OCTAL.matcher(text).matches() && !text.replaceAll("[-+_0]", "").isEmpty()) {
            return "'" + text + "' is the octal number " + parseInt(text) + " to Kubernetes (YAML 1.1) but the decimal "
                    + text.replace("_", "").replaceFirst("^([-+]?)0+", "$1") + " in YAML 1.2";
        }
        if (text.indexOf('_') > 0 && INT.matcher(text).matches()) {
            return "'" + text + "' is the number " + parseInt(text) + " to Kubernetes (YAML 1.1) but a string in YAML 1.2";
        }
        if (SEXAGESIMAL.matcher(text).matches()) {
            return "'" + text + "' is a base-60 number in YAML 1.1 (Kubernetes reads it as a string)";
        }
        return null;
    }
}
