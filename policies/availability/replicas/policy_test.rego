package gitops.availability.replicas_test

import data.gitops.availability.replicas

labels := {"app": "web", "tier": "front"}

spread := [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "ScheduleAnyway"}]

workload(kind, n, spec_extra) := {
	"id": 0, "file": "w.yaml", "apiVersion": "apps/v1", "kind": kind, "namespace": "web", "name": "web",
	"content": {"spec": {"replicas": n, "template": {"metadata": {"labels": labels}, "spec": object.union({"containers": [{"name": "c"}]}, spec_extra)}}},
}

pdb(ns, selector) := {"id": 1, "file": "p.yaml", "apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "namespace": ns, "name": "web", "content": {"spec": {"minAvailable": 1, "selector": selector}}}

rules(resources) := {v.rule | some v in replicas.deny with input as {"resources": resources}}

test_replicated_with_pdb_and_spread if {
	count(rules([workload("Deployment", 3, {"topologySpreadConstraints": spread}), pdb("web", {"matchLabels": {"app": "web"}})])) == 0
}

test_avail001_no_pdb if {
	rules([workload("Rollout", 2, {"topologySpreadConstraints": spread})]).AVAIL001
}

test_avail001_pdb_in_other_namespace_or_other_pods if {
	rules([workload("Deployment", 2, {"topologySpreadConstraints": spread}), pdb("other", {"matchLabels": {"app": "web"}})]).AVAIL001
	rules([workload("StatefulSet", 2, {"topologySpreadConstraints": spread}), pdb("web", {"matchLabels": {"app": "api"}})]).AVAIL001
}

test_pdb_without_namespace_matches_workload_without_namespace if {
	w := json.patch(workload("Deployment", 2, {"topologySpreadConstraints": spread}), [{"op": "replace", "path": "/namespace", "value": null}])
	count(rules([w, pdb(null, {"matchLabels": {"app": "web"}})])) == 0
}

test_avail002_no_zone_spread if {
	rules([workload("Deployment", 2, {}), pdb("web", {})]).AVAIL002
	rules([workload("Deployment", 2, {"topologySpreadConstraints": [{"topologyKey": "kubernetes.io/hostname"}]}), pdb("web", {})]).AVAIL002
}

test_single_replica_and_daemonsets_need_nothing if {
	count(rules([workload("Deployment", 1, {})])) == 0
	count(rules([workload("DaemonSet", 5, {})])) == 0
}
