package dev.gitops.validator.domain.cost;

import java.util.Locale;

/**
 * The states a cluster goes through in a sprint cycle, as far as cost goes.
 * <ul>
 * <li>{@code LIVE}: carries all public weight; everything runs at the assumed traffic;</li>
 * <li>{@code BETA}: the beta target with no public weight; everything runs, beta traffic only;</li>
 * <li>{@code DRAINED}: after {@code ./gitops drain}: weight 0, its own workloads and node pool limits
 *     at 0; what drain does not scale (control plane, system nodes, the brokers and their nodes,
 *     ALBs, web ACL, health check, volumes) keeps billing;</li>
 * <li>{@code SHUT_DOWN}: after both steps of {@code ./gitops shutdown}: the tree without the Applications
 *     and the infra folder it removes ({@code release.shutdownApplications}, {@code release.shutdownInfra});
 *     whatever is left still bills and shows.</li>
 * </ul>
 */
public enum CostState {
    LIVE, BETA, DRAINED, SHUT_DOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return id();
    }
}
