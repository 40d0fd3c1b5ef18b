package dev.gitops.validator.pipeline;

import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.RuleAliases;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code --only} and {@code --skip}: rule ids (or former ids, see {@link RuleAliases}) or categories,
 * case-insensitive.
 */
public record RuleFilter(Set<String> only, Set<String> skip) {

    public static final RuleFilter ALL = new RuleFilter(Set.of(), Set.of());

    public RuleFilter {
        only = normalise(only);
        skip = normalise(skip);
    }

    public static RuleFilter of(List<String> only, List<String> skip) {
        return new RuleFilter(split(only), split(skip));
    }

    private static Set<String> split(List<String> values) {
        return values.stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    private static Set<String> normalise(Set<String> s) {
        return s.stream().map(x -> RuleAliases.current(x).toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(Rule rule) {
        String id = rule.id().toLowerCase(Locale.ROOT);
        String cat = rule.category().toLowerCase(Locale.ROOT);
        if (skip.contains(id) || skip.contains(cat)) {
            return false;
        }
        return only.isEmpty() || only.contains(id) || only.contains(cat);
    }

    /** The selectors that name no known rule or category (a usage error). */
    public List<String> unknown(List<Rule> known) {
        Set<String> names = known.stream()
                .flatMap(r -> java.util.stream.Stream.of(r.id(), r.category()))
                .map(x -> x.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return java.util.stream.Stream.concat(only.stream(), skip.stream())
                .filter(s -> !names.contains(s))
                .sorted()
                .toList();
    }
}
