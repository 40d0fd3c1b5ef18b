package dev.gitops.validator.domain.rollouts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The vector selectors of a PromQL query, found by a tokenizer rather than a full PromQL parser. It
 * understands: string literals (single, double and back quotes, with escapes), selectors written
 * {@code name{matchers}} or {@code {matchers}} and bare metric names, range and subquery brackets
 * ({@code [5m]}, skipped), function calls (an identifier followed by {@code (}), aggregations written {@code sum by (x) (...)}, the grouping label lists
 * after {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left} and
 * {@code group_right} (skipped), keywords and operators, numbers, and Argo Rollouts placeholders
 * {@code {{args.x}}} outside strings (skipped). It does not check that the query is valid PromQL.
 */
final class PromqlSelectors {

    /** One label matcher: {@code label op "value"}, op one of {@code = != =~ !~}. */
    record LabelMatcher(String label, String op, String value) {
    }

    /** One vector selector as written, with its label matchers (empty for a bare metric name). */
    record Selector(String text, List<LabelMatcher> matchers) {
    }

    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2",
            "inf", "nan");

    private final String q;
    private int i;

    private PromqlSelectors(String query) {
        this.q = query;
    }

    static List<Selector> of(String query) {
        return new PromqlSelectors(query).selectors();
    }

    private List<Selector> selectors() {
        List<Selector> out = new ArrayList<>();
        boolean grouping = false;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                string();
            } else if (q.startsWith("{{", i)) {
                int end = q.indexOf("}}", i + 2);
                i = end < 0 ? q.length() : end + 2;
            } else if (c == '[') {
                int end = q.indexOf(']', i);
                i = end < 0 ? q.length() : end + 1;
            } else if (c == '#') {
                int end = q.indexOf('\n', i);
                i = end < 0 ? q.length() : end + 1;
            } else if (c == '{') {
                int start = i;
                out.add(braces(start, start));
            } else if (c == '(' && grouping) {
                int end = q.indexOf(')', i);
                i = end < 0 ? q.length() : end + 1;
                grouping = false;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < q.length() && Character.isDigit(q.charAt(i + 1)))) {
                while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '_' || q.charAt(i) == ':')) {
                    i++;
                }
                String word = q.substring(start, i);
                int next = skipSpace(i);
                if (GROUPING.contains(word.toLowerCase())) {
                    grouping = true;
                } else if (KEYWORDS.contains(word.toLowerCase()) || (next < q.length() && q.charAt(next) == '(')
                        || GROUPING.contains(wordAt(next))) {
                    grouping = false; // an operator keyword, a function call, or an aggregation before by/without
                } else if (next < q.length() && q.charAt(next) == '{' && !q.startsWith("{{", next)) {
                    i = next;
                    out.add(braces(start, next));
                } else {
                    out.add(new Selector(word, List.of()));
                }
            } else {
                i++;
            }
        }
        return out;
    }

    /** Reads the matchers {@code {...}} at {@code open} of the selector that starts at {@code start}. */
    private Selector braces(int start, int open) {
        List<LabelMatcher> found = new ArrayList<>();
        i = open + 1;
        while (i < q.length() && q.charAt(i) != '}') {
            i = skipSpace(i);
            int ls = i;
            while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '_')) {
                i++;
            }
            String label = q.substring(ls, i);
            i = skipSpace(i);
            int os = i;
            while (i < q.length() && "=!~".indexOf(q.charAt(i)) >= 0) {
                i++;
            }
            String op = q.substring(os, i);
            i = skipSpace(i);
            String value = i < q.length() && "\"'`".indexOf(q.charAt(i)) >= 0 ? string() : null;
            if (!label.isEmpty() && value != null) {
                found.add(new LabelMatcher(label, op, value));
            }
            while (i < q.length() && q.charAt(i) != ',' && q.charAt(i) != '}') {
                i++;
            }
            if (i < q.length() && q.charAt(i) == ',') {
                i++;
            }
        }
        i = Math.min(q.length(), i + 1);
        return new Selector(q.substring(start, i), List.copyOf(found));
    }

    /** Reads the string literal at {@link #i} and returns its content (escapes kept as written). */
    private String string() {
        char quote = q.charAt(i);
        int start = ++i;
        while (i < q.length() && q.charAt(i) != quote) {
            i += q.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        String s = q.substring(start, Math.min(i, q.length()));
        i = Math.min(q.length(), i + 1);
        return s;
    }

    /** The identifier starting at {@code from}, lower-cased, or "" when none starts there. */
    private String wordAt(int from) {
        int j = from;
        while (j < q.length() && (Character.isLetterOrDigit(q.charAt(j)) || q.charAt(j) == '_')) {
            j++;
        }
        return q.substring(from, j).toLowerCase();
    }

    private int skipSpace(int from) {
        int j = from;
        while (j < q.length() && Character.isWhitespace(q.charAt(j))) {
            j++;
        }
        return j;
    }
}
