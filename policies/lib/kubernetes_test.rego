package gitops.lib.kubernetes_test

import data.gitops.lib.kubernetes as k8s

deployment := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "web"}, "spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "a"}], "initContainers": [{"name": "i"}]}}}}

test_validator_input if {
	r := {"id": 7, "file": "d.yaml", "apiVersion": "apps/v1", "kind": "Deployment", "namespace": "web", "name": "web", "content": deployment}
	k8s.resources == [r] with input as {"resources": [r]}
	count(k8s.containers) == 2 with input as {"resources": [r]}
}

test_conftest_single_document if {
	[r] := k8s.resources with input as deployment
	r.file == ""
	r.name == "web"
	r.namespace == "web"
}

test_conftest_combined_files if {
	input_files := [{"path": "a.yaml", "contents": deployment}, {"path": "b.yaml", "contents": [deployment, {"kind": "Namespace", "metadata": {"name": "web"}}]}]
	rs := k8s.resources with input as input_files
	count(rs) == 3
	rs[2].namespace == null
	rs[2].apiVersion == ""
}

test_nothing_to_evaluate if {
	k8s.resources == [] with input as "text"
}

test_rollout_with_workload_ref_has_no_pod_spec if {
	r := {"id": 0, "file": "r.yaml", "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "namespace": "web", "name": "r", "content": {"spec": {"workloadRef": {"kind": "Deployment", "name": "web"}}}}
	count(k8s.workloads) == 0 with input as {"resources": [r]}
}

test_display_and_replicas if {
	k8s.display({"kind": "Namespace", "namespace": null, "name": "web"}) == "Namespace/web"
	k8s.display({"kind": "Deployment", "namespace": "web", "name": "api"}) == "Deployment/web/api"
	k8s.replicas({"content": {}}) == 1
}
