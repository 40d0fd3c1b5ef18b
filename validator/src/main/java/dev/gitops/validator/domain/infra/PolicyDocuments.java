package dev.gitops.validator.domain.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reading IAM policy documents: statements, their string-or-list elements, IAM wildcards. */
public final class PolicyDocuments {

    private PolicyDocuments() {
    }

    /** The statements of a document's {@code Statement} (an object or a list), empty when it has none. */
    public static List<JsonNode> statements(JsonNode document) {
        JsonNode s = document == null ? null : document.get("Statement");
        List<JsonNode> out = new ArrayList<>();
        if (s != null && s.isArray()) {
            s.forEach(out::add);
        } else if (s != null && s.isObject()) {
            out.add(s);
        }
        return out;
    }

    /** Whether an allowing statement lets {@code action} on {@code resource} (IAM wildcards, actions case-insensitive). */
    public static boolean allows(JsonNode statement, String action, String resource) {
        return allowsAction(statement, action)
                && strings(statement.get("Resource")).stream().anyMatch(r -> glob(r).matcher(resource).matches());
    }

    /** Whether the statement is an {@code Allow} naming the action (IAM wildcards count), on whatever resources. */
    public static boolean allowsAction(JsonNode statement, String action) {
        String wanted = action.toLowerCase(Locale.ROOT);
        return "Allow".equals(statement.path("Effect").asText()) && strings(statement.get("Action")).stream()
                .anyMatch(a -> glob(a.toLowerCase(Locale.ROOT)).matcher(wanted).matches());
    }

    /** The resources, as written and each once, of the {@code Allow} statements that name the action. */
    public static List<String> allowedResources(List<JsonNode> statements, String action) {
        return statements.stream().filter(s -> allowsAction(s, action))
                .flatMap(s -> strings(s.get("Resource")).stream()).distinct().toList();
    }

    /** A string or a list of strings of a policy element. */
    public static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isTextual()) {
            out.add(node.asText());
        } else if (node != null && node.isArray()) {
            node.forEach(n -> {
                if (n.isTextual()) {
                    out.add(n.asText());
                }
            });
        }
        return out;
    }

    /** An IAM pattern ({@code *} any run of characters, {@code ?} one) as a regular expression. */
    public static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
