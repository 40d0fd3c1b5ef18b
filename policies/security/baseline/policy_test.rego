package gitops.security.baseline_test

import data.gitops.security.baseline

good_container := {
	"name": "app",
	"image": "registry.k8s.io/pause:3.10",
	"securityContext": {
		"runAsNonRoot": true,
		"allowPrivilegeEscalation": false,
		"readOnlyRootFilesystem": true,
		"capabilities": {"drop": ["ALL"]},
		"seccompProfile": {"type": "RuntimeDefault"},
	},
}

deployment(pod_spec) := {
	"id": 0, "file": "d.yaml", "apiVersion": "apps/v1", "kind": "Deployment", "namespace": "web", "name": "web",
	"content": {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "web"}, "spec": {"template": {"spec": pod_spec}}},
}

good_pod := {"automountServiceAccountToken": false, "containers": [good_container]}

rules(pod_spec) := {v.rule | some v in baseline.deny with input as {"resources": [deployment(pod_spec)]}}

with_sc(patch) := object.union(good_pod, {"containers": [object.union(good_container, {"securityContext": object.union(good_container.securityContext, patch)})]})

test_compliant_deployment_passes if {
	count(baseline.deny) == 0 with input as {"resources": [deployment(good_pod)]}
}

test_cronjob_and_rollout_are_workloads if {
	cron := {"id": 1, "file": "c.yaml", "apiVersion": "batch/v1", "kind": "CronJob", "namespace": "jobs", "name": "c", "content": {"spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "c"}]}}}}}}}
	rollout := {"id": 2, "file": "r.yaml", "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "namespace": "web", "name": "r", "content": {"spec": {"template": {"spec": {"containers": [{"name": "r"}]}}}}}
	found := {[v.resource.kind, v.rule] | some v in baseline.deny with input as {"resources": [cron, rollout]}}
	["CronJob", "SEC001"] in found
	["Rollout", "SEC004"] in found
	["Rollout", "SEC009"] in found
}

test_sec001_root_allowed if {
	rules(with_sc({"runAsNonRoot": false})).SEC001
}

test_sec001_pod_level_non_root_is_enough if {
	container := json.remove(good_container, ["securityContext/runAsNonRoot"])
	pod := object.union(good_pod, {"securityContext": {"runAsNonRoot": true}, "containers": [container]})
	not rules(pod).SEC001
}

test_sec001_missing_everywhere if {
	container := json.remove(good_container, ["securityContext/runAsNonRoot"])
	rules(object.union(good_pod, {"containers": [container]})).SEC001
}

test_sec002_privileged if {
	rules(with_sc({"privileged": true})).SEC002
}

test_sec003_escalation if {
	rules(with_sc({"allowPrivilegeEscalation": true})).SEC003
}

test_sec004_writable_root if {
	rules(with_sc({"readOnlyRootFilesystem": false})).SEC004
}

test_sec005_capabilities_not_dropped if {
	rules(with_sc({"capabilities": {"drop": ["NET_RAW"]}})).SEC005
}

test_sec005_capability_added if {
	rules(with_sc({"capabilities": {"drop": ["ALL"], "add": ["SYS_ADMIN"]}})).SEC005
}

test_sec005_net_bind_service_may_be_added if {
	not rules(with_sc({"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}})).SEC005
}

test_sec006_unconfined if {
	rules(with_sc({"seccompProfile": {"type": "Unconfined"}})).SEC006
}

test_sec006_pod_level_seccomp if {
	container := json.remove(good_container, ["securityContext/seccompProfile"])
	pod := object.union(good_pod, {"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}, "containers": [container]})
	not rules(pod).SEC006
}

test_sec007_host_namespaces if {
	rules(object.union(good_pod, {"hostNetwork": true})).SEC007
	rules(object.union(good_pod, {"hostPID": true})).SEC007
	not rules(object.union(good_pod, {"hostIPC": false})).SEC007
}

test_sec008_host_path if {
	rules(object.union(good_pod, {"volumes": [{"name": "docker", "hostPath": {"path": "/var/run"}}]})).SEC008
	not rules(object.union(good_pod, {"volumes": [{"name": "tmp", "emptyDir": {}}]})).SEC008
}

test_sec009_token_automount_unset if {
	rules(json.remove(good_pod, ["automountServiceAccountToken"])).SEC009
	not rules(object.union(good_pod, {"automountServiceAccountToken": true})).SEC009
}

test_violation_carries_the_field_path if {
	some v in baseline.deny with input as {"resources": [deployment(with_sc({"privileged": true}))]}
	v.rule == "SEC002"
	v.path == ["spec", "template", "spec", "containers", 0, "securityContext", "privileged"]
	v.resource == {"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "web", "name": "web", "file": "d.yaml", "id": 0}
}
