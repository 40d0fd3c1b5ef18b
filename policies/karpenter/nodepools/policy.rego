# METADATA
# description: |
#   Karpenter NodePools cap what they may provision (spec.limits) and bound how many nodes
#   disruption may take down at once (spec.disruption.budgets).
package gitops.karpenter.nodepools

import data.gitops.lib.kubernetes as k8s

nodepools := [r |
	some r in k8s.resources
	r.kind == "NodePool"
	startswith(r.apiVersion, "karpenter.sh/")
]

deny contains k8s.finding("KARPENTER101", msg, r, ["spec", "limits", resource]) if {
	some r in nodepools
	object.get(r.content, ["spec", "replicas"], null) == null
	some resource in ["cpu", "memory"]
	object.get(r.content, ["spec", "limits", resource], null) == null
	msg := sprintf("NodePool %s sets no %s limit: an unbounded pool can scale the bill without limit", [r.name, resource])
}

deny contains k8s.finding("KARPENTER102", msg, r, ["spec", "disruption", "budgets"]) if {
	some r in nodepools
	count(object.get(r.content, ["spec", "disruption", "budgets"], [])) == 0
	msg := sprintf("NodePool %s declares no disruption budget (spec.disruption.budgets, e.g. [{nodes: \"10%%\"}])", [r.name])
}

deny contains k8s.finding("KARPENTER102", msg, r, ["spec", "disruption", "budgets", i, "nodes"]) if {
	some r in nodepools
	some i, budget in object.get(r.content, ["spec", "disruption", "budgets"], [])
	not regex.match(`^((100|[0-9]{1,2})%|[0-9]+)$`, object.get(budget, "nodes", ""))
	msg := sprintf("NodePool %s disruption budget %d: nodes must be a count or a percentage, e.g. \"10%%\"", [r.name, i])
}
