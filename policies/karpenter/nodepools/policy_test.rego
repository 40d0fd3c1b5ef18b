package gitops.karpenter.nodepools_test

import data.gitops.karpenter.nodepools

pool(spec) := {"id": 0, "file": "np.yaml", "apiVersion": "karpenter.sh/v1", "kind": "NodePool", "namespace": null, "name": "default", "content": {"spec": spec}}

rules(spec) := {v.rule | some v in nodepools.deny with input as {"resources": [pool(spec)]}}

good := {"limits": {"cpu": "200", "memory": "800Gi"}, "disruption": {"budgets": [{"nodes": "10%"}, {"nodes": "0", "schedule": "0 9 * * mon-fri", "duration": "8h"}]}}

test_bounded_pool if {
	count(rules(good)) == 0
}

test_karp001_limits if {
	rules(json.remove(good, ["limits"])).KARPENTER101
	rules(json.remove(good, ["limits/memory"])).KARPENTER101
	not rules(object.union(json.remove(good, ["limits"]), {"replicas": 3})).KARPENTER101
}

test_karp002_budgets if {
	rules(json.remove(good, ["disruption"])).KARPENTER102
	rules(json.patch(good, [{"op": "replace", "path": "/disruption/budgets/0/nodes", "value": "ten"}])).KARPENTER102
}
