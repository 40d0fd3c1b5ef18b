package dev.gitops.validator.release;

import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.domain.traffic.HealthGate;
import dev.gitops.validator.domain.traffic.Sites;
import dev.gitops.validator.domain.traffic.TrafficTree;
import dev.gitops.validator.resource.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * The serving gates of a cluster's public weighted records ({@link HealthGate}): {@code release} and
 * {@code drain} close them, {@code beta-ok} opens them, so that Route 53 falls back only to a cluster
 * whose sprint passed beta (rule TRAFFIC011).
 */
final class ServingGates {

    private ServingGates() {
    }

    /**
     * Adds the edits that open (or close) every gate of {@code c}'s weighted Route 53 records; returns a
     * note per health check changed. Records without a gate in the tree are left alone.
     *
     * @throws Refusal when a gate to close lacks one of its two fields (edits change values, they add none)
     */
    static List<String> set(Workspace workspace, TrafficTree tree, Cluster c, boolean open, TreeEdits edits)
            throws Refusal {
        List<Resource> deployed = workspace.resources().stream()
                .filter(r -> workspace.settings().deployedTo(c, r.file().displayName())).toList();
        List<String> notes = new ArrayList<>();
        List<Resource> done = new ArrayList<>();
        for (Sites.RecordWeight w : tree.records(c)) {
            HealthGate gate = HealthGate.of(w.resource(), deployed);
            if (gate == null || done.contains(gate.healthCheck()) || (open ? gate.open() : gate.closed())) {
                continue;
            }
            Resource hc = gate.healthCheck();
            done.add(hc);
            if (open) {
                if (Boolean.TRUE.equals(gate.disabled())) {
                    edits.set(hc, HealthGate.DISABLED, false);
                }
                if (Boolean.TRUE.equals(gate.inverted())) {
                    edits.set(hc, HealthGate.INVERTED, false);
                }
            } else {
                if (gate.disabled() == null || gate.inverted() == null) {
                    throw new Refusal("cannot hold " + c + " out of public DNS: health check " + hc.ref().display()
                            + " in " + hc.file().displayName() + " needs healthCheckConfig.disabled and"
                            + " healthCheckConfig.inverted written out (false) so that they can be set");
                }
                edits.set(hc, HealthGate.DISABLED, true);
                edits.set(hc, HealthGate.INVERTED, true);
            }
            notes.add(hc.file().displayName() + ": health check " + hc.ref().name()
                    + (open ? " follows its endpoint again" : " held unhealthy (disabled and inverted)"));
        }
        return notes;
    }
}
