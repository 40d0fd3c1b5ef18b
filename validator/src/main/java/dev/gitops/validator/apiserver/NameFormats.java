package dev.gitops.validator.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string formats the Kubernetes API server validates (k8s.io/apimachinery/pkg/util/validation and
 * pkg/api/validation/path), with the API server's own wording. Each method returns the problems of a
 * value; an empty list means the value is valid.
 */
final class NameFormats {

    static final int DNS1123_LABEL_MAX = 63;
    static final int DNS1123_SUBDOMAIN_MAX = 253;
    static final int QUALIFIED_NAME_MAX = 63;
    static final int LABEL_VALUE_MAX = 63;
    static final int PORT_NAME_MAX = 15;
    static final int CONFIG_MAP_KEY_MAX = 253;

    private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL_FMT);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(LABEL_FMT + "(\\." + LABEL_FMT + ")*");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern PORT_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
    private static final Pattern PORT_NAME_LETTER = Pattern.compile(".*[a-z].*");
    private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private NameFormats() {
    }

    /** IsDNS1123Label: lowercase alphanumerics and '-', starting and ending alphanumeric, at most 63. */
    static List<String> dns1123Label(String v) {
        List<String> out = new ArrayList<>();
        if (v.length() > DNS1123_LABEL_MAX) {
            out.add(maxLength(DNS1123_LABEL_MAX));
        }
        if (!DNS1123_LABEL.matcher(v).matches()) {
            out.add("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
                    + "start and end with an alphanumeric character (e.g. 'my-name', or '123-abc')");
        }
        return out;
    }

    /** IsDNS1123Subdomain: dot-separated RFC 1123 labels, at most 253. */
    static List<String> dns1123Subdomain(String v) {
        List<String> out = new ArrayList<>();
        if (v.length() > DNS1123_SUBDOMAIN_MAX) {
            out.add(maxLength(DNS1123_SUBDOMAIN_MAX));
        }
        if (!DNS1123_SUBDOMAIN.matcher(v).matches()) {
            out.add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'example.com')");
        }
        return out;
    }

    /** IsDNS1035Label: like a DNS-1123 label, but starting with a letter. */
    static List<String> dns1035Label(String v) {
        List<String> out = new ArrayList<>();
        if (v.length() > DNS1123_LABEL_MAX) {
            out.add(maxLength(DNS1123_LABEL_MAX));
        }
        if (!DNS1035_LABEL.matcher(v).matches()) {
            out.add("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                    + "alphabetic character, and end with an alphanumeric character (e.g. 'my-name', or 'abc-123')");
        }
        return out;
    }

    /** IsValidPathSegmentName (pkg/api/validation/path): not '.' or '..', no '/' or '%'. */
    static List<String> pathSegment(String v) {
        List<String> out = new ArrayList<>();
        if (v.equals(".") || v.equals("..")) {
            out.add("may not be '" + v + "'");
        }
        for (String c : List.of("/", "%")) {
            if (v.contains(c)) {
                out.add("may not contain '" + c + "'");
            }
        }
        return out;
    }

    /** IsQualifiedName: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
    static List<String> qualifiedName(String v) {
        List<String> out = new ArrayList<>();
        String[] parts = v.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                out.add("prefix part must be non-empty");
            } else {
                dns1123Subdomain(prefix).forEach(m -> out.add("prefix part " + m));
            }
        } else {
            out.add("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and "
                    + "end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc') with an optional "
                    + "DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return out;
        }
        if (name.isEmpty()) {
            out.add("name part must be non-empty");
        } else if (name.length() > QUALIFIED_NAME_MAX) {
            out.add("name part " + maxLength(QUALIFIED_NAME_MAX));
        }
        if (!name.isEmpty() && !QUALIFIED_NAME_PART.matcher(name).matches()) {
            out.add("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with "
                    + "an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')");
        }
        return out;
    }

    /** IsValidLabelValue: empty, or at most 63 characters of the qualified-name alphabet. */
    static List<String> labelValue(String v) {
        List<String> out = new ArrayList<>();
        if (v.length() > LABEL_VALUE_MAX) {
            out.add(maxLength(LABEL_VALUE_MAX));
        }
        if (!LABEL_VALUE.matcher(v).matches()) {
            out.add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or "
                    + "'12345')");
        }
        return out;
    }

    /** IsValidPortName: at most 15 lowercase alphanumerics and '-', at least one letter, no '--' or '-' at an end. */
    static List<String> portName(String v) {
        List<String> out = new ArrayList<>();
        if (v.length() > PORT_NAME_MAX) {
            out.add(maxLength(PORT_NAME_MAX));
        }
        if (!PORT_NAME_CHARS.matcher(v).matches()) {
            out.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!PORT_NAME_LETTER.matcher(v).matches()) {
            out.add("must contain at least one letter (a-z)");
        }
        if (v.contains("--")) {
            out.add("must not contain consecutive hyphens");
        }
        if (v.startsWith("-") || v.endsWith("-")) {
            out.add("must not begin or end with a hyphen");
        }
        return out;
    }

    /** IsConfigMapKey: alphanumerics, '-', '_' and '.', at most 253, not '.' or '..' or starting with '..'. */
    static List<String> configMapKey(String v) {
        List<String> out = new ArrayList<>();
        if (v.length() > CONFIG_MAP_KEY_MAX) {
            out.add(maxLength(CONFIG_MAP_KEY_MAX));
        }
        if (!CONFIG_MAP_KEY.matcher(v).matches()) {
            out.add("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', "
                    + "or 'KEY_NAME', or 'key-name')");
        }
        if (v.equals(".")) {
            out.add("must not be '.'");
        } else if (v.equals("..")) {
            out.add("must not be '..'");
        } else if (v.startsWith("..")) {
            out.add("must not start with '..'");
        }
        return out;
    }

    private static String maxLength(int n) {
        return "must be no more than " + n + " characters";
    }
}
