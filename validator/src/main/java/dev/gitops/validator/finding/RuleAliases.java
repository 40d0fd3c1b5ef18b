package dev.gitops.validator.finding;

import java.util.Locale;
import java.util.Map;

/**
 * Former ids of renamed rules. One prefix names one area, whichever engine checks it: the Rego
 * policies of Argo CD and Karpenter were ARGO and KARP beside the Java checks' ARGOCD and KARPENTER,
 * and now number from 101 under the same prefixes. Waivers (annotations and the central list),
 * {@code --only}/{@code --skip}, {@code rules:} settings and {@code --explain} accept a former id and
 * act on the rule it names now (policies/README.md lists them).
 */
public final class RuleAliases {

    private static final Map<String, String> FORMER = Map.of(
            "ARGO001", "ARGOCD101",
            "ARGO002", "ARGOCD102",
            "ARGO003", "ARGOCD103",
            "KARP001", "KARPENTER101",
            "KARP002", "KARPENTER102");

    private RuleAliases() {
    }

    /** The current id of a rule id or former id (any case); anything else unchanged. */
    public static String current(String id) {
        String now = FORMER.get(id.toUpperCase(Locale.ROOT));
        return now != null ? now : id;
    }

    /** Former id to current id. */
    public static Map<String, String> all() {
        return FORMER;
    }
}
