# METADATA
# description: |
#   Workloads that run more than one replica survive voluntary disruptions (a PodDisruptionBudget
#   selects their pods) and the loss of a zone (topology spread across zones).
package gitops.availability.replicas

import data.gitops.lib.kubernetes as k8s

replicated_kinds := {"Deployment", "StatefulSet", "Rollout"}

replicated := [w |
	some w in k8s.workloads
	w.resource.kind in replicated_kinds
	k8s.replicas(w.resource) > 1
]

# PodDisruptionBudget selectors by namespace ("" for none).
pdb_selectors[ns] contains selector if {
	some r in k8s.resources
	r.kind == "PodDisruptionBudget"
	ns := namespace_key(r)
	selector := object.get(r.content, ["spec", "selector"], {})
}

namespace_key(r) := r.namespace if is_string(r.namespace)

namespace_key(r) := "" if not is_string(r.namespace)

deny contains k8s.finding("AVAIL001", msg, w.resource, ["spec", "replicas"]) if {
	some w in replicated
	labels := object.get(w.resource.content, ["spec", "template", "metadata", "labels"], {})
	not covered(namespace_key(w.resource), labels)
	msg := sprintf("%s runs %d replicas but no PodDisruptionBudget in its namespace selects its pods", [k8s.display(w.resource), k8s.replicas(w.resource)])
}

covered(ns, labels) if {
	some selector in pdb_selectors_by_namespace[ns]
	selects(selector, labels)
}

# pdb_selectors as one object, built in one pass over the resources and then looked up: asking
# pdb_selectors[ns] with ns bound would evaluate its body over every resource for each workload.
pdb_selectors_by_namespace := {ns: selectors | some ns, selectors in pdb_selectors}

# matchLabels must all match; matchExpressions are not evaluated (an expression-only selector counts).
selects(selector, labels) if {
	every key, value in object.get(selector, "matchLabels", {}) {
		labels[key] == value
	}
}

zone_key := "topology.kubernetes.io/zone"

deny contains k8s.finding("AVAIL002", msg, w.resource, array.concat(w.path, ["topologySpreadConstraints"])) if {
	some w in replicated
	not spreads_across_zones(w.spec)
	msg := sprintf("%s runs %d replicas but does not spread them across zones (topologySpreadConstraints on %s)", [k8s.display(w.resource), k8s.replicas(w.resource), zone_key])
}

spreads_across_zones(spec) if {
	some constraint in object.get(spec, "topologySpreadConstraints", [])
	constraint.topologyKey == zone_key
}
