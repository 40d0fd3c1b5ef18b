package dev.gitops.validator.domain.cost;

import dev.gitops.validator.domain.traffic.Cluster;
import java.util.List;

/** What one cluster costs a month in one state, line by line. */
public record ClusterCost(Cluster cluster, CostState state, List<LineItem> lines) {

    public ClusterCost {
        lines = List.copyOf(lines);
    }

    /** The sum of the lines' expected figures. */
    public double total() {
        return lines.stream().mapToDouble(LineItem::monthly).sum();
    }

    /** The sum of the lines' ceilings. */
    public double ceiling() {
        return lines.stream().mapToDouble(LineItem::ceiling).sum();
    }

    public LineItem line(String id) {
        return lines.stream().filter(l -> l.id().equals(id)).findFirst().orElse(null);
    }
}
