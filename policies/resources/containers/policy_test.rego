package gitops.resources.containers_test

import data.gitops.resources.containers

good := {
	"name": "api",
	"ports": [{"containerPort": 8080}],
	"resources": {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"memory": "256Mi"}},
	"readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}},
	"livenessProbe": {"httpGet": {"path": "/live", "port": 8080}},
}

workload(kind, c) := {
	"id": 0, "file": "w.yaml", "apiVersion": "apps/v1", "kind": kind, "namespace": "ns", "name": "w",
	"content": {"spec": {"template": {"spec": {"containers": [c]}}}},
}

rules(kind, c) := {v.rule | some v in containers.deny with input as {"resources": [workload(kind, c)]}}

test_compliant if {
	count(rules("Deployment", good)) == 0
}

test_res001_requests if {
	rules("Deployment", json.remove(good, ["resources/requests/cpu"])).RES001
	rules("StatefulSet", json.remove(good, ["resources/requests"])).RES001
	not rules("Deployment", json.patch(good, [{"op": "replace", "path": "/resources/requests/cpu", "value": 1}])).RES001
}

test_res002_memory_limit if {
	rules("Deployment", json.remove(good, ["resources/limits"])).RES002
}

test_res003_res004_probes_on_serving_containers if {
	r := rules("Rollout", json.remove(good, ["readinessProbe", "livenessProbe"]))
	r.RES003
	r.RES004
}

test_no_probes_needed_without_ports_or_for_jobs if {
	count(rules("Deployment", json.remove(good, ["readinessProbe", "livenessProbe", "ports"]))) == 0
	count(rules("Job", json.remove(good, ["readinessProbe", "livenessProbe"]))) == 0
}
