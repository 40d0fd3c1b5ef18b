package dev.gitops.validator.domain.rollouts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gitops.validator.domain.rollouts.PromqlSelectors.LabelMatcher;
import dev.gitops.validator.domain.rollouts.PromqlSelectors.Selector;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromqlSelectorsTest {

    private static List<String> texts(String query) {
        return PromqlSelectors.of(query).stream().map(Selector::text).toList();
    }

    @Test
    void findsSelectorsThroughFunctionsAggregationsAndGrouping() {
        String q = """
                (sum by (outcome) (rate(a_total{cluster="{{args.cluster}}",hash="{{args.canary-hash}}"}[5m])) or on() vector(0))
                / ignoring(le) group_left(x) sum(rate(b_total[1m:30s] offset 5m)) without (pod)
                """;
        assertEquals(List.of("a_total{cluster=\"{{args.cluster}}\",hash=\"{{args.canary-hash}}\"}", "b_total"), texts(q));
    }

    @Test
    void readsMatchersWithOperatorsAndQuotedBracesAndCommas() {
        List<Selector> s = PromqlSelectors.of("{__name__=~\"x|y\", outcome!=\"a,}b\", path!~'/v\\'1', cluster = `c`}");
        assertEquals(1, s.size());
        assertEquals(List.of(new LabelMatcher("__name__", "=~", "x|y"), new LabelMatcher("outcome", "!=", "a,}b"),
                new LabelMatcher("path", "!~", "/v\\'1"), new LabelMatcher("cluster", "=", "c")), s.getFirst().matchers());
    }

    @Test
    void bareMetricNamesAreSelectorsWithoutMatchers() {
        List<Selector> s = PromqlSelectors.of("up == 0 and bool 1.5e3 * node:cpu:rate5m");
        assertEquals(List.of(new Selector("up", List.of()), new Selector("node:cpu:rate5m", List.of())), s);
    }

    @Test
    void placeholdersOutsideStringsAndCommentsAreNotSelectors() {
        assertEquals(List.of("m{a=\"b\"}"), texts("# rate(x[5m])\nsum(rate(m{a=\"b\"}[{{args.window}}])) > {{args.limit}}"));
    }
}
